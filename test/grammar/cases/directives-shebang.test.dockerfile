# SYNTAX TEST "source.dockerfile.docklens" "A #! first line is skipped when BuildKit looks for syntax and check"
#!/usr/bin/env -S docker build . --tag=x --file
# <-------------- comment.line.shebang.dockerfile
# syntax=docker/dockerfile:1
# ^^^^^^ meta.directive.dockerfile keyword.control.directive.dockerfile
# check=skip=all
# ^^^^^ keyword.control.directive.dockerfile
# escape=`
# ^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile
FROM busybox
# <---- keyword.other.instruction.dockerfile
RUN echo a \
#          ^ constant.character.escape.line-continuation.dockerfile
  b
# ^ meta.instruction.run.dockerfile
