#include "core/metrics/class_accuracy.h"

#include <stdexcept>

namespace ganscope {

ClassAccuracy measureClassAccuracy(const Matrix& samples, std::span<const int> labels,
                                   const Distribution& data) {
  const int classes = data.classCount();
  if (classes <= 0) throw std::invalid_argument("measureClassAccuracy: the data has no classes");
  if (std::ssize(labels) != samples.cols() || samples.rows() != data.dim()) {
    throw std::invalid_argument(
        "measureClassAccuracy: needs one label per sample and samples of the data's dimension");
  }
  std::vector<int> right(static_cast<std::size_t>(classes), 0), total(static_cast<std::size_t>(classes), 0);
  for (Eigen::Index i = 0; i < samples.cols(); ++i) {
    const int label = labels[static_cast<std::size_t>(i)];
    if (label < 0 || label >= classes)
      throw std::invalid_argument("measureClassAccuracy: a label outside the classes");
    ++total[static_cast<std::size_t>(label)];
    if (samples.col(i).allFinite() && data.classOf(samples.col(i).data()) == label)
      ++right[static_cast<std::size_t>(label)];
  }
  ClassAccuracy result;
  result.perClass.assign(static_cast<std::size_t>(classes), std::numeric_limits<double>::quiet_NaN());
  double sum = 0.0;
  int counted = 0;
  for (std::size_t k = 0; k < right.size(); ++k) {
    if (total[k] == 0) continue;
    result.perClass[k] = static_cast<double>(right[k]) / static_cast<double>(total[k]);
    sum += result.perClass[k];
    ++counted;
  }
  if (counted > 0) result.mean = sum / counted;
  return result;
}

}  // namespace ganscope
