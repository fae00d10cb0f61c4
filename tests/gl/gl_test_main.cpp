// The doctest runner of the OpenGL tests (tests/gl/), run under Xvfb by CTest (see CMakeLists.txt).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
