// The GPU trainer's matrix product (app/gpu/gpu_engine.cpp): C = op(A)·op(B) [+ bias] [then f, or times f'(D)]
// [added to C], column-major, 16×16 tiles through shared memory. Every dense layer's forward pass, backward pass,
// weight gradient and the double backprop of the gradient penalties are this one kernel with different operands.
// With DIRECT_PRODUCT defined (on a software renderer, where a workgroup barrier costs a switch of every invocation)
// each invocation sums a 4 × 4 block of C straight from the buffer instead (a workgroup of 8 × 8 covers 32 × 32): the same
// sums in the same order.
#ifdef DIRECT_PRODUCT
layout(local_size_x = 8, local_size_y = 8) in;
#else
layout(local_size_x = 16, local_size_y = 16) in;
#endif

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

// This dispatch's product (its transposes are compiled in; the struct's flags are not read here).
Product product() {
  return Product(u_m, u_n, u_k, u_a, u_lda, 0, u_b, u_ldb, 0, u_c, u_ldc, u_bias, u_epilogue, u_act, u_d,
                 u_accumulate);
}

void main() {
  if (stopped()) return;  // the same for the whole dispatch: no barrier is skipped by part of a workgroup
  int tx = int(gl_LocalInvocationID.x), ty = int(gl_LocalInvocationID.y);
  int i = int(gl_WorkGroupID.x) * 16 + tx;
  int j = int(gl_WorkGroupID.y) * 16 + ty;
  float sum = 0.0;
#ifdef DIRECT_PRODUCT
  // Each invocation sums a 4 × 4 block of C (rows 8 apart, so neighbouring invocations read neighbouring rows):
  // four loads of A and four of B per 16 multiply-adds, k ascending as in the tiled path.
  float block[4][4];
  int rows[4], cols[4];
  for (int r = 0; r < 4; ++r) {
    rows[r] = int(gl_WorkGroupID.x) * 32 + r * 8 + tx;
    cols[r] = int(gl_WorkGroupID.y) * 32 + r * 8 + ty;
    for (int c = 0; c < 4; ++c) block[r][c] = 0.0;
  }
  int lastRow = u_m - 1, lastCol = u_n - 1;
  for (int k = 0; k < u_k; ++k) {
    float a[4], b[4];
    for (int r = 0; r < 4; ++r) a[r] = elementA(min(rows[r], lastRow), k);
    for (int c = 0; c < 4; ++c) b[c] = elementB(k, min(cols[c], lastCol));
    for (int r = 0; r < 4; ++r) {
      for (int c = 0; c < 4; ++c) block[r][c] += a[r] * b[c];
    }
  }
  for (int r = 0; r < 4; ++r) {
    for (int c = 0; c < 4; ++c) {
      if (rows[r] < u_m && cols[c] < u_n) storeProduct(product(), rows[r], cols[c], block[r][c]);
    }
  }
  return;
#else
  for (int k0 = 0; k0 < u_k; k0 += 16) {
    tileA[tx][ty] = (i < u_m && k0 + ty < u_k) ? elementA(i, k0 + ty) : 0.0;
    tileB[tx][ty] = (k0 + tx < u_k && j < u_n) ? elementB(k0 + tx, j) : 0.0;
    barrier();
    for (int kk = 0; kk < 16; ++kk) sum += tileA[tx][kk] * tileB[kk][ty];
    barrier();
  }
  if (i >= u_m || j >= u_n) return;
  storeProduct(product(), i, j, sum);
#endif
}
