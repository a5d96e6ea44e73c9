# SYNTAX TEST "source.dockerfile.docklens" "Variables, expansions, quotes and escapes in expanded instructions"
WORKDIR $HOME/app
#       ^ punctuation.definition.variable.dockerfile
#        ^^^^ variable.other.dockerfile
WORKDIR ${APP_DIR:-/srv/app}
#       ^ meta.interpolation.dockerfile punctuation.definition.variable.dockerfile
#        ^ punctuation.section.interpolation.begin.dockerfile
#         ^^^^^^^ variable.other.dockerfile
#                ^^ keyword.operator.expansion.dockerfile
#                  ^^^^^^^^ string.unquoted.expansion-word.dockerfile
#                          ^ punctuation.section.interpolation.end.dockerfile
ENV A=${B:+set} C=${D-unset} E=${F:?required} G=${H#prefix} I=${J%%suffix} K=${L//a/b}
#        ^^ keyword.operator.expansion.dockerfile
#                    ^ keyword.operator.expansion.dockerfile - string.unquoted.expansion-word.dockerfile
#                                 ^^ keyword.operator.expansion.dockerfile
#                                                  ^ keyword.operator.expansion.dockerfile - comment.line.number-sign.dockerfile
#                                                                ^^ keyword.operator.expansion.dockerfile
#                                                                               ^^ keyword.operator.expansion.dockerfile
ENV NESTED=${A:-${B}}
#                 ^ meta.interpolation.dockerfile meta.interpolation.dockerfile variable.other.dockerfile
ENV LITERAL=\$HOME SINGLE='$HOME' DOUBLE="$HOME \"q\""
#           ^^ constant.character.escape.dollar.dockerfile
#                         ^^^^^^^ string.quoted.single.dockerfile - variable.other.dockerfile
#                                          ^^^^ string.quoted.double.dockerfile variable.other.dockerfile
#                                               ^^ string.quoted.double.dockerfile constant.character.escape.dockerfile
USER ${UID}:${GID}
#      ^^^ variable.other.dockerfile
#             ^^^ variable.other.dockerfile
