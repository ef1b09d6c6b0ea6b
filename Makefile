# The two commands of the README, and a few conveniences.
#   make demo   install what is missing, build, create the demo county and open
#               it in QGIS (headless summary + rendered map when there is no
#               display or HEADLESS=1)
#   make test   install what is missing, build, run the whole ctest suite
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CTEST_JOBS ?= 2

.PHONY: all deps configure build test demo bench translations deb format clean

all: build

deps:
	@packaging/install-deps.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(CTEST_JOBS)

demo: build
	@BUILD_DIR=$(BUILD_DIR) packaging/demo.sh

translations: configure
	cmake --build $(BUILD_DIR) --target translations

# recheck_<version>_amd64.deb in the build folder (cmake/RecheckPackaging.cmake)
deb: build
	cd $(BUILD_DIR) && cpack -G DEB

format:
	find core cli providers plugins tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
