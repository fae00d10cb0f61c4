// The GPU trainer's matrix product (app/gpu/gpu_engine.cpp): C = op(A)·op(B) [+ bias] [then f, or times f'(D)]
// [added to C], column-major, 16×16 tiles through shared memory. Every dense layer's forward pass, backward pass,
// weight gradient and the double backprop of the gradient penalties are this one kernel with different operands.
// With DIRECT_PRODUCT defined (on a software renderer, where a workgroup barrier costs a switch of every invocation)
// each invocation sums its element straight from the buffer instead: the same sum in the same order.
layout(local_size_x = 16, local_size_y = 16) in;

uniform int u_m, u_n, u_k;                // C is m × n; the sum runs over k
uniform int u_a, u_lda;                   // A at this offset, its leading dimension (TRANSPOSE_A: read as Aᵀ)
uniform int u_b, u_ldb;                   // B likewise (TRANSPOSE_B)
uniform int u_c, u_ldc;                   // C
uniform int u_bias;                       // a bias per row of C added to the sum, or -1
uniform int u_epilogue;                   // 0: the sum; 1: f(sum); 2: sum · f'(a) with a from the matrix at u_d
uniform int u_act;                        // f
uniform int u_d;                          // the layer output f' is read from (same shape and ldc as C)
uniform int u_accumulate;                 // 1: C += result, 0: C = result

#ifndef DIRECT_PRODUCT
shared float tileA[16][17];
shared float tileB[16][17];
#endif

// The transposes are compiled in (four programs): a branch per element costs a software renderer both loads.
#ifdef TRANSPOSE_A
float elementA(int i, int k) { return arena[u_a + k + i * u_lda]; }
#else
float elementA(int i, int k) { return arena[u_a + i + k * u_lda]; }
#endif
#ifdef TRANSPOSE_B
float elementB(int k, int j) { return arena[u_b + j + k * u_ldb]; }
#else
float elementB(int k, int j) { return arena[u_b + k + j * u_ldb]; }
#endif

void main() {
  if (stopped()) return;  // the same for the whole dispatch: no barrier is skipped by part of a workgroup
  int tx = int(gl_LocalInvocationID.x), ty = int(gl_LocalInvocationID.y);
  int i = int(gl_WorkGroupID.x) * 16 + tx;
  int j = int(gl_WorkGroupID.y) * 16 + ty;
  float sum = 0.0;
#ifdef DIRECT_PRODUCT
  if (i >= u_m || j >= u_n) return;
  for (int k = 0; k < u_k; ++k) sum += elementA(i, k) * elementB(k, j);
#else
  for (int k0 = 0; k0 < u_k; k0 += 16) {
    tileA[tx][ty] = (i < u_m && k0 + ty < u_k) ? elementA(i, k0 + ty) : 0.0;
    tileB[tx][ty] = (k0 + tx < u_k && j < u_n) ? elementB(k0 + tx, j) : 0.0;
    barrier();
    for (int kk = 0; kk < 16; ++kk) sum += tileA[tx][kk] * tileB[kk][ty];
    barrier();
  }
  if (i >= u_m || j >= u_n) return;
#endif
  if (u_bias >= 0) sum += arena[u_bias + i];
  int at = u_c + i + j * u_ldc;
  if (u_epilogue == 1) {
    sum = activate(u_act, sum);
  } else if (u_epilogue == 2) {
    sum *= derivativeFromOutput(u_act, arena[u_d + i + j * u_ldc]);
  }
  arena[at] = u_accumulate != 0 ? arena[at] + sum : sum;
}
