// The persistent kernel's command list (app/gpu/command_list.h): its word layout, table slots, draw strides
// and loop-trip count, which the kernel (shaders/train_persistent.comp) and the host's chunking rely on.
#include "app/gpu/command_list.h"

#include <doctest/doctest.h>

#include <bit>
#include <stdexcept>

using namespace ganscope;

TEST_CASE(
    "command list: each command is 32 words: operation, draw source, stride, table slot, stream, fields") {
  CommandList list;
  const int slot = list.slot(TableUse::NoiseStd);
  list.add(CommandOp::Elementwise, {3, 100, 7, 0, 0, 0, 1, 5, CommandList::word(0.25f)}, DrawSource::Noise,
           slot, (2u << 16) | 1u);
  list.add(CommandOp::Product, {4, 5, 6}, DrawSource::Real);
  list.add(CommandOp::Loss, {0, 1, 32});
  REQUIRE(list.count() == 3);
  REQUIRE(list.words().size() == 3 * CommandList::kWords);
  const auto& w = list.words();
  CHECK(w[0] == static_cast<int>(CommandOp::Elementwise));
  CHECK(w[1] == static_cast<int>(DrawSource::Noise));
  CHECK(w[3] == slot);
  CHECK(w[4] == static_cast<int>((2u << 16) | 1u));
  CHECK(w[CommandList::kHeader] == 3);
  CHECK(std::bit_cast<float>(w[CommandList::kHeader + 8]) == 0.25f);
  CHECK(w[CommandList::kWords + 3] == -1);  // no table slot

  long long strides[static_cast<int>(DrawSource::Count)] = {};
  strides[static_cast<int>(DrawSource::Real)] = 640;
  strides[static_cast<int>(DrawSource::Noise)] = 96;
  list.setStrides(strides);
  CHECK(w[2] == 96);
  CHECK(w[CommandList::kWords + 2] == 640);
  CHECK(w[2 * CommandList::kWords + 2] == 0);  // a command that reads no draws never moves

  REQUIRE(list.slots().size() == 1);
  CHECK(list.slots()[0] == TableUse::NoiseStd);
  list.countTrips(100);
  CHECK(list.loopTrips() == 100 + 3);  // its own trips, and one of the command loop per command
  list.clear();
  CHECK(list.count() == 0);
  CHECK(list.slots().empty());
  CHECK(list.loopTrips() == 0);
}

TEST_CASE("command list: a command with more fields than its 27 words is refused") {
  CommandList list;
  const std::initializer_list<std::int32_t> fits = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13,
                                                    14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26};
  list.add(CommandOp::Optimizer, fits);
  CHECK(list.count() == 1);
  const std::initializer_list<std::int32_t> tooMany = {
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27};
  CHECK_THROWS_AS(list.add(CommandOp::Optimizer, tooMany), std::logic_error);
  CHECK(list.count() == 1);  // nothing half-added
}
