# SYNTAX TEST "source.dockerfile.docklens" "Instructions in any casing, with their arguments"
FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS build
# <---- keyword.other.instruction.dockerfile
#    ^^ meta.flag.dockerfile punctuation.definition.flag.dockerfile
#      ^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#              ^ keyword.operator.assignment.dockerfile
#               ^ string.unquoted.flag-value.dockerfile punctuation.definition.variable.dockerfile
#                ^^^^^^^^^^^^^ variable.other.dockerfile
#                              ^^^^^^ entity.name.type.image.dockerfile
#                                    ^ punctuation.separator.tag.dockerfile
#                                     ^^^^^^^^^^^ constant.other.tag.dockerfile
#                                                 ^^ keyword.other.as.dockerfile
#                                                    ^^^^^ entity.name.type.stage.dockerfile
from registry.example.com:5000/team/app@sha256:4b1c5e3f1a9f0e4d2c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d as Final
# <---- keyword.other.instruction.dockerfile
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile - constant.other.tag.dockerfile
#                                      ^ punctuation.separator.digest.dockerfile
#                                       ^^^^^^^^^^^ constant.other.digest.dockerfile
#                                                                                                               ^^ keyword.other.as.dockerfile
#                                                                                                                  ^^^^^ entity.name.type.stage.dockerfile
FROM ${BASE_IMAGE}:${TAG:-latest}
#      ^^^^^^^^^^ entity.name.type.image.dockerfile variable.other.dockerfile
#                    ^^^ constant.other.tag.dockerfile variable.other.dockerfile
Run echo hi
# <--- keyword.other.instruction.dockerfile
  WorkDir /app
# ^^^^^^^ keyword.other.instruction.dockerfile
#         ^^^^ meta.instruction.workdir.dockerfile
ARG NODE_VERSION=22.11.0 DEBUG
# <--- keyword.other.instruction.dockerfile
#   ^^^^^^^^^^^^ variable.other.definition.dockerfile
#                ^^^^^^^ string.unquoted.value.dockerfile
#                        ^^^^^ variable.other.definition.dockerfile
ENV NODE_ENV=production PATH="/app/bin:$PATH"
#   ^^^^^^^^ meta.key-value.dockerfile variable.other.definition.dockerfile
#            ^^^^^^^^^^ string.unquoted.value.dockerfile
#                       ^^^^ variable.other.definition.dockerfile
#                            ^^^^^^^^^^ string.quoted.double.dockerfile
#                                       ^^^^ string.quoted.double.dockerfile variable.other.dockerfile
ENV LEGACY_FORM value with spaces
#   ^^^^^^^^^^^ variable.other.definition.dockerfile
#               ^^^^^^^^^^^^^^^^^ string.unquoted.value.dockerfile
LABEL org.opencontainers.image.source="https://example.com/repo" "quoted key"=yes
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
#                                     ^^^^^^ string.quoted.double.dockerfile
#                                                                ^^^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
#                                                                             ^^^ string.unquoted.value.dockerfile
EXPOSE 8080 443/tcp 53/udp 7000-7010
#      ^^^^ constant.numeric.port.dockerfile
#               ^^^ constant.language.protocol.dockerfile
#                      ^^^ constant.language.protocol.dockerfile
#                              ^ punctuation.separator.range.dockerfile
USER app:app
#       ^ punctuation.separator.user-group.dockerfile
STOPSIGNAL SIGTERM
#          ^^^^^^^ constant.language.signal.dockerfile
VOLUME /data /cache
#      ^^^^^ meta.instruction.volume.dockerfile
COPY --from=build --chown=app:app --chmod=0755 --link /out/app /usr/local/bin/app
# <---- keyword.other.instruction.dockerfile
#      ^^^^ entity.other.attribute-name.flag.dockerfile
#           ^^^^^ string.unquoted.flag-value.dockerfile
#                   ^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                ^^^^ entity.other.attribute-name.flag.dockerfile
#                                                     ^^^^^^^^ meta.instruction.copy.dockerfile - meta.flag.dockerfile
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /src/
# <--- keyword.other.instruction.dockerfile
#     ^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                                                                      ^^^^^ meta.instruction.copy.dockerfile - meta.flag.dockerfile
ONBUILD RUN make install
# <------- keyword.other.instruction.onbuild.dockerfile
#       ^^^ keyword.other.instruction.dockerfile
#           ^^^^ meta.instruction.run.dockerfile meta.embedded.line.shellscript
MAINTAINER someone@example.com
# <---------- keyword.other.instruction.dockerfile invalid.deprecated.instruction.dockerfile
FORM alpine
# <---- invalid.illegal.unknown-instruction.dockerfile
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1
# <----------- keyword.other.instruction.dockerfile
#             ^^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                      ^^^ string.unquoted.flag-value.dockerfile
#                                       ^^^ keyword.other.instruction.dockerfile
#                                           ^^^^ meta.embedded.line.shellscript
HEALTHCHECK NONE
#           ^^^^ constant.language.none.dockerfile
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# <----- keyword.other.instruction.dockerfile
#      ^^^^^^^^^^^ meta.array.exec-form.dockerfile string.quoted.double.json.dockerfile
