// The GPU field path against the CPU: shaders/mlp.glsl, run by the plane view's own shaders (field_mlp.frag
// per pixel, generator_cloud.vert per vertex) on whatever OpenGL there is (Mesa's llvmpipe under Xvfb in CI),
// must give the numbers Mlp::forward gives, for every activation and several architectures.
#include "app/views/gpu_mlp.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/views/gpu_mlp_probe.h"
#include "tests/gl/hidden_context.h"
#include "core/gan/metrics_evaluator.h"
#include "core/nn/mlp.h"

using namespace ganscope;
using ganscope::testing::HiddenContext;

namespace {

// The tolerance of a GPU value against the CPU's: both compute in single precision, in different orders of
// summation and with different exp/tanh approximations, so they agree to a few ulps per term (1e-6 relative
// here, measured); 2e-4 absolute plus 1e-4 relative leaves room for other drivers while a single wrong
// weight, a wrong layer offset or a wrong activation is off by far more (checked below).
bool close(float gpu, float cpu) {
  return std::abs(gpu - cpu) <= 2e-4f + 1e-4f * std::abs(cpu);
}

struct Architecture {
  std::vector<int> hidden;
  Activation activation;
  bool bias = true;
};

std::string describe(const Architecture& a) {
  std::string text = std::string(activationName(a.activation)) + " [";
  for (std::size_t i = 0; i < a.hidden.size(); ++i) text += (i ? "," : "") + std::to_string(a.hidden[i]);
  return text + "]" + (a.bias ? "" : " without biases");
}

// Every activation, widths from 1 to the shader's 256, up to four hidden layers, with and without biases.
const std::vector<Architecture> kArchitectures = {
    {{64, 64}, Activation::Relu},          {{256, 32, 16}, Activation::Tanh},
    {{32}, Activation::LeakyRelu},         {{48, 24, 12, 6}, Activation::Elu},
    {{20, 20}, Activation::Sigmoid},       {{}, Activation::Relu},  // a linear model
    {{17, 1, 9}, Activation::Tanh, false},
};

// The largest |GPU − CPU| of D over a width × height picture of `view`, and how many pixels were out of
// tolerance.
struct FieldComparison {
  float maxError = 0.0f;
  int outside = 0;
  float cpuRange = 0.0f;  // max − min of D over the picture: the field is not flat
};

FieldComparison compareField(GpuMlpProbe& probe, const Mlp& gpuNet, const Mlp& cpuNet, const Bounds& view,
                             int width, int height) {
  const std::vector<float> gpu = probe.discriminatorField(gpuNet, view, width, height);
  Matrix points(2, width * height);
  for (int row = 0; row < height; ++row)
    for (int col = 0; col < width; ++col) {
      // The centre of pixel (col, row), rows from the bottom: what the fragment shader is given.
      points(0, row * width + col) =
          static_cast<float>(view.xMin + (col + 0.5) * (view.xMax - view.xMin) / width);
      points(1, row * width + col) =
          static_cast<float>(view.yMin + (row + 0.5) * (view.yMax - view.yMin) / height);
    }
  MlpWorkspace ws;
  const Matrix& cpu = cpuNet.forward(points, ws);
  FieldComparison result;
  result.cpuRange = cpu.maxCoeff() - cpu.minCoeff();
  for (int i = 0; i < width * height; ++i) {
    result.maxError = std::max(result.maxError, std::abs(gpu[static_cast<std::size_t>(i)] - cpu(0, i)));
    if (!close(gpu[static_cast<std::size_t>(i)], cpu(0, i))) ++result.outside;
  }
  return result;
}

}  // namespace

TEST_CASE("gl: D per pixel in the fragment shader equals the CPU's D at every pixel centre") {
  HiddenContext context;
  GpuMlpProbe probe;
  const Bounds view{-3.0, 2.5, -2.0, 1.5};
  for (std::size_t k = 0; k < kArchitectures.size(); ++k) {
    const Architecture& a = kArchitectures[k];
    CAPTURE(describe(a));
    Mlp d(2, a.hidden, 1, a.activation, Activation::Identity, a.bias);
    Rng rng(100 + k);
    d.initialize(rng);
    // Non-zero biases (initialize() leaves them at 0), so every offset is exercised.
    for (Eigen::Index i = 0; i < d.parameterCount(); ++i)
      d.parameters()[i] += 0.1f * static_cast<float>(rng.normal());
    REQUIRE(GpuMlp::unsupportedReason(d).empty());
    const FieldComparison same = compareField(probe, d, d, view, 48, 40);
    CAPTURE(same.maxError);
    CHECK(same.outside == 0);
    CHECK(same.cpuRange > 0.05f);  // a flat field would prove little

    // The comparison can fail: a copy with one weight of the last hidden layer changed is far outside it.
    Mlp changed = d;
    const int layer = d.layerCount();
    changed.parameters()[changed.weight(changed.parameters(), layer).data() - changed.parameters().data()] +=
        0.5f;
    const FieldComparison differs = compareField(probe, d, changed, view, 48, 40);
    CHECK(differs.outside > 0);
  }
}

TEST_CASE(
    "gl: G per vertex in the vertex shader equals the CPU's G on latent vectors of 1 to 16 dimensions") {
  HiddenContext context;
  GpuMlpProbe probe;
  const std::vector<int> latentDims = {1, 2, 5, 16};
  for (std::size_t k = 0; k < kArchitectures.size(); ++k) {
    const Architecture& a = kArchitectures[k];
    const int dim = latentDims[k % latentDims.size()];
    CAPTURE(describe(a));
    CAPTURE(dim);
    Mlp g(dim, a.hidden, 2, a.activation, Activation::Identity, a.bias);
    Rng rng(200 + k);
    g.initialize(rng);
    for (Eigen::Index i = 0; i < g.parameterCount(); ++i)
      g.parameters()[i] += 0.1f * static_cast<float>(rng.normal());
    Matrix latent(dim, 1000);  // 1,000 vertices: four rows of 256 pixels, the last one partly filled
    sampleLatent(k % 2 == 0 ? LatentDistribution::Gaussian : LatentDistribution::Uniform, rng, latent);
    const Matrix gpu = probe.generatorOutputs(g, latent);
    MlpWorkspace ws;
    const Matrix& cpu = g.forward(latent, ws);
    REQUIRE(gpu.rows() == 2);
    REQUIRE(gpu.cols() == cpu.cols());
    int outside = 0;
    float maxError = 0.0f;
    for (Eigen::Index i = 0; i < cpu.cols(); ++i)
      for (int r = 0; r < 2; ++r) {
        maxError = std::max(maxError, std::abs(gpu(r, i) - cpu(r, i)));
        if (!close(gpu(r, i), cpu(r, i))) ++outside;
      }
    CAPTURE(maxError);
    CHECK(outside == 0);
    CHECK((cpu.rowwise().maxCoeff() - cpu.rowwise().minCoeff()).minCoeff() > 0.05f);
  }
}

TEST_CASE("gl: networks the shader cannot take are named, and upload refuses them") {
  HiddenContext context;
  const Mlp wide(2, {300}, 1, Activation::Relu);
  CHECK(GpuMlp::unsupportedReason(wide).find("300") != std::string::npos);
  GpuMlp gpu;
  CHECK_THROWS_AS(gpu.upload(wide), std::invalid_argument);
  const Mlp deep(2, std::vector<int>(17, 8), 1, Activation::Relu);
  CHECK(GpuMlp::unsupportedReason(deep).find("18 layers") != std::string::npos);
  CHECK(GpuMlp::unsupportedReason(Mlp(2, std::vector<int>(16, 256), 1, Activation::Relu)).empty());
}
