// The Catch2 main for core unit tests, compiled once and shared.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
