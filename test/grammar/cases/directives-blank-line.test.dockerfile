# SYNTAX TEST "source.dockerfile.docklens" "A blank line ends the directive block"
# escape=\
# ^^^^^^ keyword.control.directive.dockerfile

# syntax=docker/dockerfile:1
# ^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile
FROM scratch
# <---- keyword.other.instruction.dockerfile
