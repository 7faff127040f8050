# microcred: one command each. `make run` and `make test` install what is missing first.
BUILD      ?= build
BUILD_TYPE ?= Release
JOBS       ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all build run test bench format asan fuzz setup clean

all: build

setup:
	@scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# Until the server exists (#8), `make run` shows what already works.
run: setup build
	@scripts/demo $(BUILD)

test: setup build
	@scripts/run-tests $(BUILD)

bench: setup build
	@scripts/run-bench $(BUILD)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

asan: setup
	$(MAKE) BUILD=build-asan BUILD_TYPE=Debug CMAKE_FLAGS="-DMICROCRED_SANITIZE=ON -DMICROCRED_BUILD_BENCH=OFF" build
	@scripts/run-tests build-asan

fuzz: setup
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DMICROCRED_FUZZ=ON -DMICROCRED_BUILD_TESTS=OFF -DMICROCRED_BUILD_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS)
	@echo "fuzzers are in build-fuzz/fuzz/; run one with e.g. build-fuzz/fuzz/nquads_fuzzer -max_total_time=600"

clean:
	rm -rf $(BUILD) build-asan build-fuzz
