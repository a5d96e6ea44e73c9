# SYNTAX TEST "source.dockerfile.docklens" "Line continuations, comment lines and blank lines inside them"
RUN apt-get update \
# <--- keyword.other.instruction.dockerfile
#                  ^ meta.instruction.run.dockerfile constant.character.escape.line-continuation.dockerfile
    # BuildKit drops comment lines inside a continuation
#   ^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
#     ^^^^^^^^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile
# even at column 0
# <- meta.instruction.run.dockerfile comment.line.number-sign.dockerfile

 && apt-get install -y curl \
#^^ meta.instruction.run.dockerfile meta.embedded.line.shellscript
 && echo done # a shell comment does not swallow the continuation \
#             ^ comment.line.number-sign.shell
#                                                                 ^ constant.character.escape.line-continuation.dockerfile - comment.line.number-sign.shell
 && echo still-the-same-run
#        ^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile
FROM alpine
# <---- keyword.other.instruction.dockerfile - meta.instruction.run.dockerfile
ENV A=1 \  
#       ^ constant.character.escape.line-continuation.dockerfile
    B=2
#   ^ meta.instruction.env.dockerfile variable.other.definition.dockerfile
LABEL description="one \
#                 ^^^^ string.quoted.double.dockerfile
#                      ^ string.quoted.double.dockerfile constant.character.escape.line-continuation.dockerfile
two"
# <--- string.quoted.double.dockerfile
COPY \
  --from=build \
#   ^^^^ entity.other.attribute-name.flag.dockerfile
  /a /b
# ^^ meta.instruction.copy.dockerfile
RUN echo unfinished
# a comment after a finished instruction
# <- comment.line.number-sign.dockerfile - meta.instruction.run.dockerfile
WORKDIR /x
# <------- keyword.other.instruction.dockerfile
