// A multi-layer perceptron evaluated per invocation (pixel or vertex), the forward pass of core/nn/mlp.h:
// a_l = f_l(W_l a_{l-1} + b_l) (Rumelhart, Hinton & Williams 1986). The weights are the network's flat parameter
// vector as core/nn/mlp.h lays it out (per layer W, out x in column-major, then b) in an R32F texture, row by row
// in rows of MLP_ROW_TEXELS texels. app/views/gpu_mlp.cpp defines MLP_MAX_WIDTH, MLP_MAX_LAYERS, MLP_ROW_SHIFT,
// MLP_LEAKY_SLOPE and the activation codes MLP_RELU ... MLP_IDENTITY, and sets the uniforms.

uniform sampler2D uMlpWeights;
uniform int uMlpLayerCount;                       // linear layers
uniform int uMlpWidths[MLP_MAX_LAYERS + 1];       // [0] the input, [l] layer l's output
uniform int uMlpWeightOffsets[MLP_MAX_LAYERS];    // where layer l + 1's W starts in the flat vector
uniform int uMlpBiasOffsets[MLP_MAX_LAYERS];      // where its b starts, or -1 without biases
uniform int uMlpActivations[MLP_MAX_LAYERS];      // its activation (MLP_RELU ...)

// Two halves: the layer being read and the layer being written. The caller puts the input in [0, widths[0]).
float mlpActivations[2 * MLP_MAX_WIDTH];

float mlpParameter(int i) {
  return texelFetch(uMlpWeights, ivec2(i & ((1 << MLP_ROW_SHIFT) - 1), i >> MLP_ROW_SHIFT), 0).r;
}

// tanh as 1 - 2 / (e^{2x} + 1) on |x|: no overflow for large |x| (GLSL's tanh may compute e^x / e^x).
float mlpTanh(float x) {
  float t = exp(-2.0 * abs(x));
  return sign(x) * (1.0 - t) / (1.0 + t);
}

float mlpActivate(int f, float x) {
  if (f == MLP_RELU) return max(x, 0.0);
  if (f == MLP_LEAKY_RELU) return max(x, MLP_LEAKY_SLOPE * x);
  if (f == MLP_TANH) return mlpTanh(x);
  if (f == MLP_ELU) return x > 0.0 ? x : exp(x) - 1.0;
  if (f == MLP_SIGMOID) return 1.0 / (1.0 + exp(-x));
  return x;
}

// Runs the network on mlpActivations[0 .. widths[0]); returns where its output starts in mlpActivations.
int mlpForward() {
  int source = 0;
  for (int l = 0; l < uMlpLayerCount; ++l) {
    int target = MLP_MAX_WIDTH - source;
    int inputs = uMlpWidths[l];
    int outputs = uMlpWidths[l + 1];
    int weights = uMlpWeightOffsets[l];
    int biases = uMlpBiasOffsets[l];
    int f = uMlpActivations[l];
    for (int o = 0; o < outputs; ++o) {
      float sum = biases >= 0 ? mlpParameter(biases + o) : 0.0;
      for (int i = 0; i < inputs; ++i) sum += mlpParameter(weights + o + i * outputs) * mlpActivations[source + i];
      mlpActivations[target + o] = mlpActivate(f, sum);
    }
    source = target;
  }
  return source;
}
