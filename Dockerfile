# syntax=docker/dockerfile:1
# The Ballast operator image: build with the Swift toolchain, run on a slim Debian as the same
# non-root user, ports and read-only root filesystem that config/manager and charts/ballast use.
#   docker build -t ghcr.io/ballast-dev/ballast:0.1.0 .

FROM swift:6.3-bookworm AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product ballast \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/ballast" /out/ballast

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/ballast /usr/local/bin/ballast
# The same binary is the kubectl plugin.
RUN ln -s ballast /usr/local/bin/kubectl-ballast
# metrics, probes (/healthz, /readyz), Alertmanager receiver
EXPOSE 8080 8081 8082
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/ballast"]
CMD ["run"]
