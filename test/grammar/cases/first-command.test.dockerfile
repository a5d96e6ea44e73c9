# SYNTAX TEST "source.dockerfile.docklens" "The first command of a shell form is a shell statement (the shell grammar colours it like the others)"
RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*
#   ^^^^^^^^^^^^^^^^^^^^^^^ meta.embedded.line.shellscript meta.statement.shell
#                           ^^ meta.embedded.line.shellscript - meta.statement.shell
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
#     ^^^^^ meta.flag.dockerfile - meta.statement.shell
#                                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.embedded.line.shellscript meta.statement.shell
RUN --network=none \
    make test
#   ^^^^^^^^^ meta.embedded.line.shellscript meta.statement.shell
RUN \
    apt-get update
#   ^^^^^^^^^^^^^^ meta.embedded.line.shellscript meta.statement.shell
RUN apt-get install -y \
# a comment line inside the instruction
      curl
#     ^^^^ meta.embedded.line.shellscript meta.statement.shell
RUN set -eux; apt-get update
#   ^^^^^^^^ meta.statement.shell
#           ^ - meta.statement.shell
RUN CGO_ENABLED=0 go build -o /out/app .
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.statement.shell
RUN "$TOOL" --version
#   ^^^^^^^^^^^^^^^^^ meta.statement.shell
run echo lower case
#   ^^^^^^^^^^^^^^^ meta.statement.shell
CMD exec node server.js
#   ^^^^^^^^^^^^^^^^^^^ meta.instruction.command.dockerfile meta.statement.shell
ENTRYPOINT /entrypoint.sh "$@"
#          ^^^^^^^^^^^^^^^^^^^ meta.statement.shell
HEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1
#                             ^^^^^^^^^^^^^^^^^^^^^^^^^ meta.healthcheck-command.dockerfile meta.statement.shell
ONBUILD RUN make install
#           ^^^^^^^^^^^^ meta.statement.shell
RUN if [ -f x ]; then make; fi
#   ^^ meta.embedded.line.shellscript - meta.statement.shell
RUN (cd src && make)
#   ^ - meta.statement.shell
RUN cat <<EOF > /etc/motd
#   ^^^ entity.name.command.shell - meta.statement.shell
#       ^^^^^ meta.heredoc.dockerfile
hello
# <----- string.unquoted.heredoc.dockerfile
EOF
RUN ["apt-get", "update"]
#    ^^^^^^^^^ string.quoted.double.json.dockerfile - meta.statement.shell
FROM scratch
# <---- keyword.other.instruction.dockerfile
