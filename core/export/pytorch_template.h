#pragma once
// The template of the exported PyTorch script, assets/export/pytorch_run.py, embedded in the program when it
// is built (CMakeLists.txt writes its definition), so an installed binary exports without its source tree.
#include <string_view>

namespace ganscope {

/// The text of assets/export/pytorch_run.py as it was when the program was built.
std::string_view pytorchScriptTemplate();

}  // namespace ganscope
