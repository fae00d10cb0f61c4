#include "core/gan/metrics_row.h"

#include <cmath>
#include <cstdio>

namespace ganscope {
namespace {

void appendCell(std::string& line, double value) {
  line += ',';
  if (std::isnan(value)) return;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  line += buffer;
}

}  // namespace

std::string metricsCsvHeader(bool withDirac, bool withClasses) {
  std::string header =
      "step,loss_d,loss_g,d_real,d_fake,grad_norm_d,grad_norm_g,modes,hq,mode_kl,js,w1,penalty,"
      "modes_total,modes_held,in_basin";
  if (withDirac) header += ",theta,psi";
  if (withClasses) header += ",class_accuracy";
  return header;
}

std::string metricsCsvLine(const MetricsRow& row, bool withDirac, bool withClasses) {
  std::string line = std::to_string(row.step);
  for (double v :
       {row.lossD, row.lossG, row.dReal, row.dFake, row.gradNormD, row.gradNormG, row.modes, row.highQuality,
        row.modeKl, row.js, row.w1, row.penalty, row.modesTotal, row.modesHeld, row.basinFraction}) {
    appendCell(line, v);
  }
  if (withDirac) {
    appendCell(line, row.theta);
    appendCell(line, row.psi);
  }
  if (withClasses) appendCell(line, row.classAccuracy);
  return line;
}

std::string metricsCsv(const std::vector<MetricsRow>& rows, bool withDirac, bool withClasses) {
  std::string csv = metricsCsvHeader(withDirac, withClasses) + "\n";
  for (const auto& row : rows) csv += metricsCsvLine(row, withDirac, withClasses) + "\n";
  return csv;
}

std::string metricsCsv(const std::vector<MetricsRow>& rows, bool withDirac,
                       const std::vector<TimelineEvent>& timeline, bool withClasses) {
  if (timeline.empty()) return metricsCsv(rows, withDirac, withClasses);
  std::string csv = metricsCsvHeader(withDirac, withClasses) + ",event\n";
  for (const auto& row : rows) {
    csv += metricsCsvLine(row, withDirac, withClasses) + ",";
    const std::string settings = settingsAt(timeline, row.step);
    if (!settings.empty()) {
      // RFC 4180: a cell with commas or quotes is quoted, its quotes doubled.
      csv += '"';
      for (char c : settings) csv += c == '"' ? std::string("\"\"") : std::string(1, c);
      csv += '"';
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace ganscope
