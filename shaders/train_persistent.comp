// The GPU trainer's persistent kernel (app/gpu/command_list.h): one workgroup runs one iteration's recorded commands,
// iteration after iteration, a whole chunk in one dispatch, with a barrier between commands (compiled with
// BUFFER_QUALIFIERS coherent, so that each invocation sees what the others wrote before the barrier). A software
// renderer caps every loop of an invocation at 65,535 trips in all (llvmpipe's loop limiter), so there the host
// splits a chunk into dispatches that stay under it.
layout(local_size_x = WORKGROUP_SIZE) in;

layout(std430, binding = 3) readonly buffer Commands { int words[]; };
layout(std430, binding = 4) readonly buffer Table { float table[]; };  // per iteration: two floats a slot

uniform int u_commands, u_tableStride;
uniform int u_firstIteration, u_iterations;  // this dispatch's share of the chunk
uniform uvec2 u_seed, u_firstStep;

const int kOpProduct = 1, kOpElementwise = 2, kOpLoss = 3, kOpPenalty = 4, kOpGradientCheck = 5, kOpOptimizer = 6;
const int kWords = 32, kHeader = 5;

int field(int base, int i) { return words[base + kHeader + i]; }
float floatField(int base, int i) { return intBitsToFloat(words[base + kHeader + i]); }

void main() {
  int t = int(gl_LocalInvocationID.x);
  for (int iteration = u_firstIteration; iteration < u_firstIteration + u_iterations; ++iteration) {
    uint low = u_firstStep.x + uint(iteration);
    uvec2 step = uvec2(low, u_firstStep.y + (low < u_firstStep.x ? 1u : 0u));
    for (int command = 0; command < u_commands; ++command) {
      if (stopped()) return;  // every invocation reads it after the same barrier: the same answer
      int base = command * kWords;
      int op = words[base];
      int drawShift = words[base + 2] * iteration;
      int slot = words[base + 3];
      int tableAt = iteration * u_tableStride + 2 * slot;
      if (op == kOpProduct) {
        Product p = Product(field(base, 0), field(base, 1), field(base, 2), field(base, 3), field(base, 4),
                            field(base, 5), field(base, 6), field(base, 7), field(base, 8), field(base, 9),
                            field(base, 10), field(base, 11), field(base, 12), field(base, 13), field(base, 14),
                            field(base, 15));
        productElements(p, t, WORKGROUP_SIZE);
      } else if (op == kOpElementwise) {
        Elementwise e = Elementwise(field(base, 0), field(base, 1), field(base, 2), field(base, 3), field(base, 4),
                                    field(base, 5), field(base, 6), field(base, 7), floatField(base, 8));
        if (e.mode == kCopyDraws || e.mode == kAddDrawsNoise) e.src += drawShift;
        if (e.mode == kInterpolate && e.third >= 0) e.third += drawShift;
        if (slot >= 0) e.value = table[tableAt];
        RandomStream r = RandomStream(u_seed, step, uint(words[base + 4]));
        for (int i = t; i < e.count; i += WORKGROUP_SIZE) elementwiseAt(e, r, i);
      } else if (op == kOpLoss) {
        lossOp(Loss(field(base, 0), field(base, 1), field(base, 2), field(base, 3), field(base, 4), field(base, 5)), t);
      } else if (op == kOpPenalty) {
        penaltyOp(Penalty(field(base, 0), field(base, 1), field(base, 2), field(base, 3), field(base, 4),
                          field(base, 5), floatField(base, 6)),
                  t);
      } else if (op == kOpGradientCheck) {
        gradientCheckOp(GradientCheck(field(base, 0), field(base, 1), field(base, 2), field(base, 3)), step, t);
      } else if (op == kOpOptimizer) {
        OptimizerStep o = OptimizerStep(field(base, 0), field(base, 1), field(base, 2), field(base, 3),
                                        field(base, 4), field(base, 5), field(base, 6), field(base, 7),
                                        field(base, 8), field(base, 9), floatField(base, 10), floatField(base, 11),
                                        floatField(base, 12), floatField(base, 13), floatField(base, 14),
                                        floatField(base, 15), floatField(base, 16), floatField(base, 17),
                                        floatField(base, 18), floatField(base, 19), floatField(base, 20));
        if (slot >= 0) {
          o.stepSize = table[tableAt];
          o.rootCorrection = table[tableAt + 1];
        }
        for (int i = t; i < o.count; i += WORKGROUP_SIZE) optimizerAt(o, i);
      }
      memoryBarrierBuffer();
      barrier();
    }
  }
}
