#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite entry point: the repository owns the build.
"$SRC/cpct/fuzz/ossfuzz.sh"
