// The radix sort of doubles against std::sort.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/metrics/radix_sort.h"
#include "core/util/rng.h"

using namespace ganscope;

TEST_CASE("radix sort: the same order as std::sort, over signs, magnitudes and repeats") {
  Rng rng(5);
  std::vector<std::uint64_t> scratch;
  for (const double scale : {1e-300, 1e-3, 1.0, 3e5, 1e300}) {
    std::vector<double> values(2500);
    for (double& v : values) v = rng.normal() * scale;
    values[10] = values[11] = values[12];  // repeats
    values[20] = 0.0;
    values[21] = -0.0;
    values[22] = std::numeric_limits<double>::denorm_min();
    values[23] = -std::numeric_limits<double>::max();
    values[24] = std::numeric_limits<double>::max();
    std::vector<double> expected = values;
    std::sort(expected.begin(), expected.end());
    radixSortDoubles(values, scratch);  // scratch reused across scales
    CAPTURE(scale);
    CHECK(values == expected);
  }
}

TEST_CASE("radix sort: one sign and a narrow range (passes skipped), and sizes 0, 1 and 2") {
  Rng rng(6);
  std::vector<std::uint64_t> scratch;
  std::vector<double> values(1000);
  for (double& v : values) v = 2.0 + rng.uniform(0.0, 1e-9);  // the top digits agree in every key
  std::vector<double> expected = values;
  std::sort(expected.begin(), expected.end());
  radixSortDoubles(values, scratch);
  CHECK(values == expected);

  std::vector<double> none;
  radixSortDoubles(none, scratch);
  CHECK(none.empty());
  std::vector<double> one{-4.5};
  radixSortDoubles(one, scratch);
  CHECK(one == std::vector<double>{-4.5});
  std::vector<double> two{3.0, -3.0};
  radixSortDoubles(two, scratch);
  CHECK(two == std::vector<double>{-3.0, 3.0});
}
