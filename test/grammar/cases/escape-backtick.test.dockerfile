# SYNTAX TEST "source.dockerfile.docklens" "# escape=` makes the backtick the continuation and escape character for the rest of the file"
# syntax=docker/dockerfile:1
# ^^^^^^ keyword.control.directive.dockerfile
# escape=`
# ^^^^^^ meta.directive.dockerfile keyword.control.directive.dockerfile
#        ^ string.unquoted.directive-value.dockerfile
# check=error=true
# ^^^^^ meta.directive.dockerfile keyword.control.directive.dockerfile

FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
# <---- keyword.other.instruction.dockerfile
#                                         ^^^^^^^^ constant.other.tag.dockerfile
#                                                     ^^^^ entity.name.type.stage.dockerfile
# check=skip=all
# ^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
#      ^^^^^^^^^^^^ string.quoted.double.json.dockerfile
RUN New-Item -ItemType Directory C:\app\ ; `
#                                ^^^^^^^ meta.instruction.run.dockerfile meta.shell-command.dockerfile - constant.character.escape.line-continuation.dockerfile constant.character.escape.dockerfile
#                                          ^ meta.shell-command.dockerfile constant.character.escape.line-continuation.dockerfile
    # a comment line inside the continuation
#   ^ comment.line.number-sign.dockerfile
    Write-Host $env:USERNAME
#   ^^^^^^^^^^ meta.instruction.run.dockerfile meta.shell-command.dockerfile
COPY app\ C:\app\
#    ^^^^ meta.instruction.copy.dockerfile - constant.character.escape.dockerfile
ENV PATH=C:\tools;C:\Windows `
#        ^^^^^^^^^^^^^^^^^^^ string.unquoted.value.dockerfile - constant.character.escape.dockerfile
#                            ^ constant.character.escape.line-continuation.dockerfile
    HOME=C:\Users\app
#   ^^^^ variable.other.definition.dockerfile
WORKDIR C:\app
#       ^^^^^^ meta.instruction.workdir.dockerfile - constant.character.escape.dockerfile
LABEL note="a `"quoted`" word"
#             ^^ constant.character.escape.dockerfile
RUN echo done \
#             ^ meta.shell-command.dockerfile - constant.character.escape.line-continuation.dockerfile
CMD ["C:\\app\\run.exe"]
# <--- keyword.other.instruction.dockerfile
#       ^^ constant.character.escape.json.dockerfile
