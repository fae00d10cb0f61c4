#pragma once
// Export to PyTorch: one standalone Python script (torch and numpy) that rebuilds a run and continues it from
// its current weights.
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/gan/trainer.h"

namespace ganscope {

/// A run the export cannot write as a PyTorch script; the message names the setting and what to change.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Throws ExportError when runs of `config` cannot be exported (unroll > 0, the Dirac-GAN), so a headless run
/// can refuse before it trains rather than after.
void checkExportable(const Config& config);

/// The number of probe points of each network stored in the script.
inline constexpr int kExportProbeCount = 64;

/// The PyTorch script of the run in `state` (assets/export/pytorch_run.py filled in): its config; the target
/// distribution's sampler for its kind (a points cloud's points written in); both networks with these
/// weights, the optimizers' running statistics and spectral normalisation's vectors, all as exact float32;
/// the box and modes of ganscope's metrics; and kExportProbeCount probe inputs of D (packs drawn uniformly in
/// that box) and of G (latent vectors) with the outputs ganscope's networks give for them. `fileName` is what
/// the script's usage line calls it. Throws ExportError for a run with no PyTorch counterpart here: unroll >
/// 0 (unrolled G steps differentiate through D's optimizer updates, which torch.optim does not), the
/// Dirac-GAN (data.kind dirac), or a diverged run.
std::string pytorchScript(const TrainerState& state, std::string_view fileName);

/// pytorchScript written to `path` atomically (a temporary file renamed into place, so an old file survives a
/// failed write). Throws ExportError, or std::runtime_error naming the path when it cannot be written.
void exportPytorchScript(const TrainerState& state, const std::string& path);

}  // namespace ganscope
