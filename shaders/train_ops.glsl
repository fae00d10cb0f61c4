// The GPU trainer's operations as functions (app/gpu/gpu_engine.cpp puts this after train_common.glsl): the
// one-dispatch-each kernels (train_*.comp) call them with their uniforms, and the persistent kernel
// (train_persistent.comp) calls them for every command of its list, iteration after iteration, in one dispatch.

// [SECTION] Matrix products: C = op(A)·op(B) [+ bias] [then f, or times f'(D)] [added to C], column-major

struct Product {
  int m, n, k;          // C is m × n; the sum runs over k
  int a, lda, transA;   // A at this offset, its leading dimension, read as Aᵀ when 1
  int b, ldb, transB;   // B likewise
  int c, ldc;           // C
  int bias;             // a bias per row of C added to the sum, or -1
  int epilogue;         // 0: the sum; 1: f(sum); 2: sum · f'(a) with a from the matrix at `derivativeOf`
  int act;              // f
  int derivativeOf;     // the layer output f' is read from (same shape and ldc as C)
  int accumulate;       // 1: C += result, 0: C = result
};

float productA(Product p, int i, int k) {
  return p.transA != 0 ? arena[p.a + k + i * p.lda] : arena[p.a + i + k * p.lda];
}
float productB(Product p, int k, int j) {
  return p.transB != 0 ? arena[p.b + j + k * p.ldb] : arena[p.b + k + j * p.ldb];
}

// The epilogue and the store of C's element (i, j).
void storeProduct(Product p, int i, int j, float sum) {
  if (p.bias >= 0) sum += arena[p.bias + i];
  int at = p.c + i + j * p.ldc;
  if (p.epilogue == 1) {
    sum = activate(p.act, sum);
  } else if (p.epilogue == 2) {
    sum *= derivativeFromOutput(p.act, arena[p.derivativeOf + i + j * p.ldc]);
  }
  arena[at] = p.accumulate != 0 ? arena[at] + sum : sum;
}

// Elements first, first + stride, … of C, each summed in order of k (the persistent kernel's way).
void productElements(Product p, int first, int stride) {
  for (int e = first; e < p.m * p.n; e += stride) {
    int i = e % p.m, j = e / p.m;
    float sum = 0.0;
    for (int k = 0; k < p.k; ++k) sum += productA(p, i, k) * productB(p, k, j);
    storeProduct(p, i, j, sum);
  }
}

// [SECTION] Elementwise steps: fills, copies, the random draws and the double backprop's derivative products

const int kFill = 0;              // dst = value
const int kCopyDraws = 1;         // dst = draws[src]
const int kCopy = 2;              // dst = arena[src]
const int kAddNoise = 3;          // dst += value · N(0, 1)
const int kAddDrawsNoise = 4;     // dst += draws[src]
const int kLatentNormal = 5;      // dst = N(0, 1)
const int kLatentUniform = 6;     // dst = U[−1, 1)
const int kTimesDerivative = 7;   // dst = arena[src] · f'(arena[other])
const int kSecondDerivative = 8;  // dst = f''(arena[other]) · arena[src] · arena[third]
const int kInterpolate = 9;       // dst = α·arena[src] + (1 − α)·arena[other], α per column: Philox, or draws[third]

struct Elementwise {
  int mode, count, dst, src, other, third;
  int rows;   // kInterpolate: rows per column (one α per column)
  int act;
  float value;
};

void elementwiseAt(Elementwise e, RandomStream r, int i) {
  int d = e.dst + i;
  if (e.mode == kFill) {
    arena[d] = e.value;
  } else if (e.mode == kCopyDraws) {
    arena[d] = draws[e.src + i];
  } else if (e.mode == kCopy) {
    arena[d] = arena[e.src + i];
  } else if (e.mode == kAddNoise) {
    arena[d] += e.value * normalAt(r, uint(i));
  } else if (e.mode == kAddDrawsNoise) {
    arena[d] += draws[e.src + i];
  } else if (e.mode == kLatentNormal) {
    arena[d] = normalAt(r, uint(i));
  } else if (e.mode == kLatentUniform) {
    arena[d] = -1.0 + 2.0 * uniformAt(r, uint(i));
  } else if (e.mode == kTimesDerivative) {
    arena[d] = arena[e.src + i] * derivativeFromOutput(e.act, arena[e.other + i]);
  } else if (e.mode == kSecondDerivative) {
    arena[d] = secondDerivativeFromOutput(e.act, arena[e.other + i]) * arena[e.src + i] * arena[e.third + i];
  } else if (e.mode == kInterpolate) {
    int column = i / e.rows;
    float alpha = e.third >= 0 ? draws[e.third + column] : uniformAt(r, uint(column));
    arena[d] = alpha * arena[e.src + i] + (1.0 - alpha) * arena[e.other + i];
  }
}

// [SECTION] Reductions in one workgroup: the losses, a penalty's value and adjoint, a gradient's norm

// The statistics slots (gpu_engine.cpp's StatSlot).
const int kLossD = 0, kLossG = 1, kPenalty = 2, kDReal = 3, kDFake = 4, kGradNormD = 5, kGradNormG = 6,
          kStopLoss = 7, kStopGradient = 8;

shared float sums[3][WORKGROUP_SIZE];
shared double squareSums[WORKGROUP_SIZE];

// Sums sums[s][0 .. WORKGROUP_SIZE) into sums[s][0] for s < count; every invocation calls it.
void reduceSums(int t, int count) {
  barrier();
  for (int stride = WORKGROUP_SIZE / 2; stride > 0; stride /= 2) {
    if (t < stride) {
      for (int s = 0; s < count; ++s) sums[s][t] += sums[s][t + stride];
    }
    barrier();
  }
}

// The adversarial losses (core/gan/gan_loss.h has the papers and the same formulas): from D's outputs, dL/dd per
// sample (already divided by the batch) and the loss and D's mean outputs into the statistics slots.
struct Loss {
  int which;   // 0: D's loss on [real | fake]; 1: G's loss on fake
  int loss;    // minimax, nonsaturating, wgan, wgan-gp, lsgan, hinge (LossKind's order)
  int batch;   // outputs of each kind
  int logits, grad, stats;
};

const int kMinimax = 0, kNonSaturating = 1, kWgan = 2, kWganGp = 3, kLsgan = 4, kHinge = 5;

float softplus(float t) { return max(t, 0.0) + log(1.0 + exp(-abs(t))); }
float sigmoid(float t) { return 1.0 / (1.0 + exp(-t)); }

void lossOp(Loss l, int t) {
  float inv = 1.0 / float(l.batch);
  bool probabilistic = l.loss == kMinimax || l.loss == kNonSaturating;
  float loss = 0.0, meanReal = 0.0, meanFake = 0.0;
  for (int i = t; i < l.batch; i += WORKGROUP_SIZE) {
    if (l.which == 0) {
      float r = arena[l.logits + i], f = arena[l.logits + l.batch + i];
      float gr, gf;
      if (probabilistic) {
        gr = -sigmoid(-r) * inv;
        gf = sigmoid(f) * inv;
        loss += softplus(-r) + softplus(f);
      } else if (l.loss == kWgan || l.loss == kWganGp) {
        gr = -inv;
        gf = inv;
        loss += f - r;
      } else if (l.loss == kLsgan) {
        gr = 2.0 * (r - 1.0) * inv;
        gf = 2.0 * f * inv;
        loss += (r - 1.0) * (r - 1.0) + f * f;
      } else {
        gr = r < 1.0 ? -inv : 0.0;
        gf = f > -1.0 ? inv : 0.0;
        loss += max(1.0 - r, 0.0) + max(1.0 + f, 0.0);
      }
      arena[l.grad + i] = gr;
      arena[l.grad + l.batch + i] = gf;
      meanReal += probabilistic ? sigmoid(r) : r;
      meanFake += probabilistic ? sigmoid(f) : f;
    } else {
      float f = arena[l.logits + i];
      float g;
      if (l.loss == kMinimax) {
        g = -sigmoid(f) * inv;
        loss -= softplus(f);
      } else if (l.loss == kNonSaturating) {
        g = -sigmoid(-f) * inv;
        loss += softplus(-f);
      } else if (l.loss == kLsgan) {
        g = 2.0 * (f - 1.0) * inv;
        loss += (f - 1.0) * (f - 1.0);
      } else {
        g = -inv;
        loss -= f;
      }
      arena[l.grad + i] = g;
    }
  }
  sums[0][t] = loss;
  sums[1][t] = meanReal;
  sums[2][t] = meanFake;
  reduceSums(t, 3);
  if (t == 0) {
    if (l.which == 0) {
      arena[l.stats + kLossD] = sums[0][0] * inv;
      arena[l.stats + kDReal] = sums[1][0] * inv;
      arena[l.stats + kDFake] = sums[2][0] * inv;
      arena[l.stats + kPenalty] = 0.0;  // the D update's penalties add to it
    } else {
      arena[l.stats + kLossG] = sums[0][0] * inv;
    }
  }
}

// A gradient penalty (core/gan/penalty.cpp has the papers and the same formulas): per sample g = ∇ₓD(x_i),
// P = scale/n · Σ φ(‖g_i‖) with φ(r) = (r − 1)² (WGAN-GP) or r² (R1/R2), and ∂P/∂g_i for the double backprop;
// P is added to the penalty slot.
struct Penalty {
  int rows, count;  // g is rows × count
  int grad, adjoint, stats;
  int zeroCentered;
  float scale;
};

void penaltyOp(Penalty p, int t) {
  float perSample = p.scale / float(p.count);
  float total = 0.0;
  for (int c = t; c < p.count; c += WORKGROUP_SIZE) {
    int column = p.grad + c * p.rows;
    float squares = 0.0;
    for (int r = 0; r < p.rows; ++r) squares += arena[column + r] * arena[column + r];
    float factor;
    if (p.zeroCentered != 0) {
      total += squares;
      factor = 2.0 * perSample;
    } else {
      float norm = sqrt(squares);
      total += (norm - 1.0) * (norm - 1.0);
      // d/dg (‖g‖ − 1)² = 2(‖g‖ − 1)·g/‖g‖; at g = 0 the direction is undefined and we take 0.
      factor = norm > 0.0 ? 2.0 * (norm - 1.0) / norm * perSample : 0.0;
    }
    for (int r = 0; r < p.rows; ++r) arena[p.adjoint + c * p.rows + r] = factor * arena[column + r];
  }
  sums[0][t] = total;
  reduceSums(t, 1);
  if (t == 0) arena[p.stats + kPenalty] += perSample * sums[0][0];
}

// After an update's gradient: its norm into the statistics, or, when the loss or the gradient is NaN or infinite,
// the stop (the CPU trainer's checkFinite): every later operation of the chunk then does nothing, so the update is
// not applied. The squares are summed in double, as the CPU does.
struct GradientCheck {
  int grad, count, stats;
  int discriminator;  // 1: D's update (its loss is L_D plus the penalties), 0: G's
};

void gradientCheckOp(GradientCheck s, uvec2 step, int t) {
  double squares = 0.0;
  for (int i = t; i < s.count; i += WORKGROUP_SIZE) squares += double(arena[s.grad + i]) * double(arena[s.grad + i]);
  squareSums[t] = squares;
  barrier();
  for (int stride = WORKGROUP_SIZE / 2; stride > 0; stride /= 2) {
    if (t < stride) squareSums[t] += squareSums[t + stride];
    barrier();
  }
  if (t != 0) return;
  float loss = s.discriminator != 0 ? arena[s.stats + kLossD] + arena[s.stats + kPenalty] : arena[s.stats + kLossG];
  double total = squareSums[0];
  if (isnan(loss) || isinf(loss) || isnan(total) || isinf(total)) {
    control[0] = 1u;
    control[1] = step.x;
    control[2] = step.y;
    control[3] = uint(s.discriminator);
    arena[s.stats + kStopLoss] = loss;
    arena[s.stats + kStopGradient] = float(total);
  } else {
    arena[s.stats + (s.discriminator != 0 ? kGradNormD : kGradNormG)] = float(sqrt(total));
  }
}

// [SECTION] One optimizer step, one parameter per call (core/nn/optimizer.h has the papers and the same rules):
// SGD, momentum, Adam with its bias correction (the step's factors come from the host, which counts the steps),
// RMSProp; then WGAN's weight clip when asked.

struct OptimizerStep {
  int count, params, grad, velocity, first, second, meanSquare;
  int kind;          // sgd, momentum, adam, rmsprop (OptimizerKind's order)
  int adamCounter;   // the control word counting this network's Adam steps
  int clip;          // 1: clip every parameter to [−clip, clip] after the step
  float lr, beta1, beta2, c1, c2, momentum, rho, eps, stepSize, rootCorrection, clipValue;
};

const int kSgd = 0, kMomentum = 1, kAdam = 2, kRmsProp = 3;

void optimizerAt(OptimizerStep o, int i) {
  if (i == 0 && o.kind == kAdam) control[o.adamCounter] += 1u;
  if (i >= o.count) return;
  float g = arena[o.grad + i];
  float p = arena[o.params + i];
  if (o.kind == kSgd) {
    p -= o.lr * g;
  } else if (o.kind == kMomentum) {
    float v = o.momentum * arena[o.velocity + i] + g;
    arena[o.velocity + i] = v;
    p -= o.lr * v;
  } else if (o.kind == kAdam) {
    float m = o.beta1 * arena[o.first + i] + o.c1 * g;
    float v = o.beta2 * arena[o.second + i] + o.c2 * (g * g);
    arena[o.first + i] = m;
    arena[o.second + i] = v;
    p -= o.stepSize * m / (sqrt(v) / o.rootCorrection + o.eps);
  } else {
    float s = o.rho * arena[o.meanSquare + i] + (1.0 - o.rho) * (g * g);
    arena[o.meanSquare + i] = s;
    p -= o.lr * g / (sqrt(s) + o.eps);
  }
  if (o.clip != 0) p = clamp(p, -o.clipValue, o.clipValue);
  arena[o.params + i] = p;
}
