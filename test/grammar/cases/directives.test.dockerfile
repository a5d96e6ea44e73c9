# SYNTAX TEST "source.dockerfile.docklens" "Parser directives: only the leading block of known directives"
# syntax=docker/dockerfile:1.7
# <- meta.directive.dockerfile punctuation.definition.directive.dockerfile
# ^^^^^^ meta.directive.dockerfile keyword.control.directive.dockerfile
#       ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#CHECK = skip=JSONArgsRecommended,StageNameCasing;error=true
#^^^^^ keyword.control.directive.dockerfile
#        ^^^^ support.type.property-name.directive-option.dockerfile
#                                ^ punctuation.separator.dockerfile
#                                                 ^^^^^ support.type.property-name.directive-option.dockerfile
#                                                       ^^^^ string.unquoted.directive-value.dockerfile
  # escape=\
#   ^^^^^^ keyword.control.directive.dockerfile
#          ^ string.unquoted.directive-value.dockerfile
# unknown=value
# ^^^^^^^ comment.line.number-sign.dockerfile - keyword.control.directive.dockerfile
# syntax=after/an-unknown-one
# ^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile
FROM alpine:3.20
# <---- keyword.other.instruction.dockerfile
# escape=`
# ^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile
RUN echo one \
#            ^ constant.character.escape.line-continuation.dockerfile
    two
#   ^^^ meta.instruction.run.dockerfile meta.embedded.line.shellscript
