// The conditional GAN through the real program: the headless summary and CSV, a refusal on the command line,
// and the window's picture of ring8-conditional coloured by class.
#include <doctest/doctest.h>
#include <stb_image.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/views/class_palette.h"
#include "app/views/plane_style.h"
#include "tests/subprocess.h"

namespace fs = std::filesystem;
using namespace ganscope;
using namespace ganscope::testing;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

RunResult runIn(const TempFolder& folder, const std::string& arguments) {
  return runCommand("cd " + shellQuoted(folder.work().string()) + " && env -u GANSCOPE_ASSETS " +
                        shellQuoted(GANSCOPE_EXE) + " " + arguments,
                    folder);
}

std::vector<std::string> linesOf(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("conditional program: the headless summary prints class accuracy and the CSV gains its column") {
  const TempFolder folder("conditional-cli");
  const RunResult run =
      runIn(folder, "--headless --preset ring8-conditional --steps 300 --metrics-out c.csv");
  CAPTURE(run.err);
  REQUIRE(run.code == 0);
  CHECK(has(run.out, "\nclass accuracy "));
  const auto lines = linesOf(folder.work() / "c.csv");
  REQUIRE(lines.size() == 5);  // steps 0, 100, 200, 300
  CHECK(lines[0].ends_with(",off_data,class_accuracy,condition"));
  CHECK_FALSE(lines.back().ends_with(","));  // measured at the last step

  const RunResult plain = runIn(folder, "--headless --preset ring8-collapse --steps 100 --metrics-out u.csv");
  REQUIRE(plain.code == 0);
  CHECK_FALSE(has(plain.out, "class accuracy"));
  CHECK(linesOf(folder.work() / "u.csv")[0].ends_with(",off_data,condition"));

  const RunResult moons = runIn(folder, "--headless --preset moons --set conditional=true --steps 10");
  CHECK(moons.code == 2);
  CHECK(has(moons.err, "conditional: true needs data with classes"));
  CHECK(has(moons.err, "not moons"));
}

// The window after 2,000 iterations of ring8-conditional: each of the 8 class colours is on screen (the
// samples of every class, each on its own mode; measured 60-400 pixels of each, where the colour of a class
// absent from the run is on under 10).
TEST_CASE("conditional program: the window colours ring8-conditional's samples by class") {
  const TempFolder folder("conditional-gui");
  const fs::path shot = folder.root() / "conditional.png";
  const RunResult run = runCommand(windowCommand() +
                                       " --preset ring8-conditional --steps 2000 --frames 60 --screenshot " +
                                       shellQuoted(shot.string()),
                                   folder);
  INFO("stderr: " << run.err);
  REQUIRE(run.code == 0);
  int width = 0, height = 0, channels = 0;
  unsigned char* rgb = stbi_load(shot.c_str(), &width, &height, &channels, 3);
  REQUIRE(rgb != nullptr);
  const auto near = [&](const unsigned char* p, glm::vec4 c, int tolerance) {
    return std::abs(p[0] - static_cast<int>(c.r * 255 + 0.5f)) <= tolerance &&
           std::abs(p[1] - static_cast<int>(c.g * 255 + 0.5f)) <= tolerance &&
           std::abs(p[2] - static_cast<int>(c.b * 255 + 0.5f)) <= tolerance;
  };
  // The view: the columns that show D's "fake" end (the charts beside it draw greens and blues of their own).
  int left = width, right = 0;
  for (int y = 0; y < height; y += 4) {
    for (int x = 0; x < width; ++x) {
      if (near(rgb + 3 * (y * width + x), plane_style::fieldColor(0.0f), 6))
        left = std::min(left, x), right = std::max(right, x);
    }
  }
  REQUIRE(right - left > 300);
  const auto pixelsOf = [&](int k) {
    long count = 0;
    for (int y = 0; y < height; ++y) {
      for (int x = left; x <= right; ++x) count += near(rgb + 3 * (y * width + x), classColor(k), 12) ? 1 : 0;
    }
    return count;
  };
  for (int k = 0; k < 8; ++k) {
    CAPTURE(k);
    CHECK(pixelsOf(k) > 60);  // measured 183-349
  }
  for (int k = 8; k < 25; ++k) {
    CAPTURE(k);
    // The colours of classes the run does not have: measured 0-10 (after 600 iterations, when the samples are
    // still spread and their translucent glyphs overlap, up to 51).
    CHECK(pixelsOf(k) < 40);
  }
  stbi_image_free(rgb);
}
