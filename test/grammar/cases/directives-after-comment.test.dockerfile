# SYNTAX TEST "source.dockerfile.docklens" "A comment before it turns # escape= into a comment (BuildKit testfiles/escape-after-comment)"
# Comment here. Should not be looking for the following parser directive.
# ^^^^^^^ comment.line.number-sign.dockerfile
# escape = `
# ^^^^^^ comment.line.number-sign.dockerfile - meta.directive.dockerfile
FROM image
#    ^^^^^ entity.name.type.image.dockerfile
ENV GOPATH \
#          ^ constant.character.escape.line-continuation.dockerfile
\go
# <-- meta.instruction.env.dockerfile constant.character.escape.dockerfile
