# zarm top-level: builds the three configurations side by side and runs the suites.
#   make            build/native, build/s390x (cross, runs under qemu-s390x-static),
#                   build/arm64 (cross)
#   make demo       install what is missing, build, run sample Arm64 programs
#   make test       install what is missing, build all three, run every test
#   make test-quick native build, unit tests and the -O2 static guest programs
#   make bench      benchmarks (figures, not pass/fail)
#   make bench-assisted  hardware path against the translator (bench/assisted.sh)
#   make isadiff    random instructions, zarm against qemu-aarch64 (SEED COUNT ENGINE BUILD)
#   make install    PREFIX=dir: libzarm.so/.a, headers, zarm.pc for embedders (docs/embedding.md)
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all native s390x arm64 deps demo test test-quick test-native test-s390x bench bench-assisted clean isadiff install

all: native s390x arm64

deps:
	@scripts/install-deps.sh

build/native/Makefile:
	cmake -S . -B build/native $(CMAKE_FLAGS)
build/s390x/Makefile:
	cmake -S . -B build/s390x $(CMAKE_FLAGS) -DCMAKE_TOOLCHAIN_FILE=cmake/s390x.cmake
build/arm64/Makefile:
	cmake -S . -B build/arm64 $(CMAKE_FLAGS) -DCMAKE_TOOLCHAIN_FILE=cmake/arm64.cmake

native: build/native/Makefile
	cmake --build build/native -j$(JOBS)
s390x: build/s390x/Makefile
	cmake --build build/s390x -j$(JOBS)
arm64: build/arm64/Makefile
	cmake --build build/arm64 -j$(JOBS)

demo: deps native
	@scripts/demo.sh

test: deps all
	cd build/native && ctest -j$(JOBS) --output-on-failure
	cd build/s390x && ctest -j$(JOBS) --output-on-failure

test-quick: deps native
	cd build/native && ctest -j$(JOBS) --output-on-failure -L quick

bench: deps native s390x
	@scripts/bench.sh

bench-assisted: deps native arm64
	@bench/assisted.sh

SEED ?= 1
COUNT ?= 20000
ENGINE ?= interp
BUILD ?= native
isadiff: $(filter native s390x arm64,$(BUILD))
	tests/isa/isadiff.sh --coverage $(SEED) $(COUNT) $(ENGINE) $(BUILD)

# make install PREFIX=/usr/local: libzarm.so, libzarm.a, include/zarm/*.h, lib/pkgconfig/zarm.pc
# (the native build).
PREFIX ?= /usr/local
install: native
	cmake --install build/native --prefix $(PREFIX)

clean:
	rm -rf build
