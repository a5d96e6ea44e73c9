# SYNTAX TEST "source.dockerfile.docklens" "Shell form commands are embedded shell (source.shell), scopes the grammar controls"
RUN set -eux; apt-get update
#   ^^^ meta.instruction.run.dockerfile meta.embedded.line.shellscript
#                     ^^^^^^ meta.embedded.line.shellscript
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --network=none make
#     ^^^^^ meta.flag.dockerfile entity.other.attribute-name.flag.dockerfile - meta.embedded.line.shellscript
#           ^^^^ support.type.property-name.flag-option.dockerfile
#                ^^^^^ string.unquoted.flag-value.dockerfile
#                     ^ punctuation.separator.comma.dockerfile
#                      ^^^^^^ support.type.property-name.flag-option.dockerfile
#                                            ^^^^^^^ support.type.property-name.flag-option.dockerfile
#                                                    ^^^^^^ string.unquoted.flag-value.dockerfile
#                                                             ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                                          ^^^^ meta.embedded.line.shellscript - meta.flag.dockerfile
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
    npm ci --omit=dev
#   ^^^ meta.instruction.run.dockerfile meta.embedded.line.shellscript
#          ^^^^^^ meta.embedded.line.shellscript - meta.flag.dockerfile
CMD exec node server.js
#   ^^^^ meta.instruction.command.dockerfile meta.embedded.line.shellscript
ENTRYPOINT /entrypoint.sh "$@"
#          ^^^^^^^^^^^^^^ meta.embedded.line.shellscript
CMD cat <<EOF
#       ^^^^^ meta.embedded.line.shellscript - meta.heredoc.dockerfile
FROM scratch
# <---- keyword.other.instruction.dockerfile
