# SYNTAX TEST "source.dockerfile.docklens" "Exec form JSON arrays"
CMD ["node", "server.js", "--port=$PORT"]
#   ^ meta.array.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
#    ^^^^^^ string.quoted.double.json.dockerfile
#          ^ punctuation.separator.array.dockerfile
#                                 ^^^^^ string.quoted.double.json.dockerfile - variable.other.dockerfile punctuation.definition.variable.dockerfile
#                                       ^ punctuation.definition.array.end.dockerfile
ENTRYPOINT [ "/docker-entrypoint.sh", \
#            ^^^^^^^^^^^^^^^^^^^^^^^ meta.array.exec-form.dockerfile string.quoted.double.json.dockerfile
#                                     ^ constant.character.escape.line-continuation.dockerfile
  "--escaped=\"x\"\\\u00e9" ]
#            ^^ constant.character.escape.json.dockerfile
#                   ^^^^^^ constant.character.escape.json.dockerfile
#                           ^ meta.instruction.command.dockerfile punctuation.definition.array.end.dockerfile
RUN ["apt-get", "install", "-y", "git"]
#    ^^^^^^^^^ meta.instruction.run.dockerfile meta.array.exec-form.dockerfile string.quoted.double.json.dockerfile - meta.embedded.line.shellscript
RUN [ -f /etc/os-release ] && cat /etc/os-release
#   ^ meta.embedded.line.shellscript - meta.array.exec-form.dockerfile
COPY ["src dir/", "$APP_HOME/"]
#                   ^^^^^^^^ meta.array.exec-form.dockerfile variable.other.dockerfile
VOLUME ["/var/lib/data"]
#       ^^^^^^^^^^^^^^^ string.quoted.double.json.dockerfile
CMD []
#   ^^ meta.array.exec-form.dockerfile
