# SYNTAX TEST "source.dockerfile.docklens" "Heredocs: RUN scripts are shell, COPY bodies are text"
RUN <<EOF
#   ^^ meta.instruction.run.dockerfile meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#     ^^^ keyword.control.heredoc-token.dockerfile
set -e
# <--- meta.heredoc.dockerfile meta.embedded.block.shellscript
# a shell comment, not a Dockerfile one
# <- meta.embedded.block.shellscript
FROM is not an instruction here
# <---- meta.embedded.block.shellscript - keyword.other.instruction.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile - meta.embedded.block.shellscript
RUN --mount=type=cache,target=/root/.cache <<-'SCRIPT'
#     ^^^^^ entity.other.attribute-name.flag.dockerfile
#                                          ^^^ keyword.operator.heredoc.dockerfile
#                                             ^ punctuation.definition.string.begin.dockerfile
#                                              ^^^^^^ keyword.control.heredoc-token.dockerfile
	pip install -r requirements.txt
#^^^ meta.embedded.block.shellscript
	SCRIPT
#^^^^^^ keyword.control.heredoc-token.dockerfile
RUN <<EOF
#!/usr/bin/env python3
# <-------------- comment.line.shebang.dockerfile
print("hello")
# <----- meta.heredoc.foreign-script.dockerfile string.unquoted.heredoc.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile
RUN cat <<EOF > /etc/app.conf
#   ^^^ meta.embedded.line.shellscript
#         ^^^ keyword.control.heredoc-token.dockerfile
listen $PORT
# <------ string.unquoted.heredoc.dockerfile - meta.embedded.block.shellscript
#       ^^^^ string.unquoted.heredoc.dockerfile variable.other.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile
COPY --chmod=644 <<EOF /etc/motd
#      ^^^^^ entity.other.attribute-name.flag.dockerfile
#                      ^^^^^^^^^ meta.heredoc.dockerfile - string.unquoted.heredoc.dockerfile
# not a comment: file content
# <- string.unquoted.heredoc.dockerfile - comment.line.number-sign.dockerfile
Welcome to $HOSTNAME
#           ^^^^^^^^ string.unquoted.heredoc.dockerfile variable.other.dockerfile
  EOF is not the end (indented)
# ^^^ string.unquoted.heredoc.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile
COPY <<"EOF" /literal.txt
$NOT_EXPANDED
# <------------- string.unquoted.heredoc.dockerfile - variable.other.dockerfile
EOF
ADD <<-EOT /x
	tab-indented body
#^^^^^^^^^^^^ string.unquoted.heredoc.dockerfile
	EOT
#^^^ keyword.control.heredoc-token.dockerfile
WORKDIR /after
# <------- keyword.other.instruction.dockerfile - meta.heredoc.dockerfile
COPY <<robots.txt <<humans.txt /usr/share/nginx/html/
#      ^^^^^^^^^^ keyword.control.heredoc-token.dockerfile
#                   ^^^^^^^^^^ keyword.control.heredoc-token.dockerfile
#                              ^^^^^^^^^^ meta.heredoc.dockerfile - string.unquoted.heredoc.dockerfile
User-agent: *
# <---------- string.unquoted.heredoc.dockerfile
robots.txt
# <---------- string.unquoted.heredoc.dockerfile
Made by humans
# <---- string.unquoted.heredoc.dockerfile - keyword.other.instruction.dockerfile
humans.txt
# <---------- keyword.control.heredoc-token.dockerfile
EXPOSE 80
# <------ keyword.other.instruction.dockerfile - meta.heredoc.dockerfile
