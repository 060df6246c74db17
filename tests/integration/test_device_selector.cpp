// Device selectors (--device and the request header's selector) resolved
// against a fixed list of devices: the CPU and two GPUs, so that UUID and PCI
// bus id matching is covered on machines without a GPU.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "device/device_info.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

std::vector<DeviceInfo> devices() {
  DeviceInfo cpu;
  cpu.id = "cpu";
  cpu.name = "CPU";
  DeviceInfo g0;
  g0.id = "cuda:0";
  g0.backend = BackendKind::cuda;
  g0.ordinal = 0;
  g0.name = "NVIDIA H100 80GB HBM3";
  g0.uuid = "GPU-ac175583-0ab0-7d3e-cddc-8393e5ec0ba9";
  g0.pci_bus_id = "0000:00:06.0";
  DeviceInfo g1 = g0;
  g1.id = "cuda:1";
  g1.ordinal = 1;
  g1.uuid = "GPU-ac17ffff-0000-0000-0000-000000000001";
  g1.pci_bus_id = "0000:65:00.0";
  return {cpu, g0, g1};
}

size_t resolve(const std::string& selector) { return resolve_selector(devices(), selector); }

// The error message for a selector that resolves to nothing.
std::string failure(const std::string& selector, const std::vector<DeviceInfo>& list = devices()) {
  try {
    resolve_selector(list, selector);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::no_such_device);
    return e.what();
  }
  ADD_FAILURE() << "selector '" << selector << "' resolved";
  return "";
}

TEST(DeviceSelector, Ordinals) {
  EXPECT_EQ(resolve("0"), 1u);
  EXPECT_EQ(resolve("1"), 2u);
  EXPECT_EQ(resolve("cuda:1"), 2u);
  EXPECT_NE(failure("2").find("names no CUDA ordinal"), std::string::npos);
  EXPECT_NE(failure("99999999999999999999").find("names no CUDA ordinal"), std::string::npos);
}

TEST(DeviceSelector, UuidsWholeOrByUniquePrefixAnyCase) {
  EXPECT_EQ(resolve("GPU-ac175583-0ab0-7d3e-cddc-8393e5ec0ba9"), 1u);
  EXPECT_EQ(resolve("gpu-AC175583"), 1u);
  EXPECT_EQ(resolve("GPU-ac17f"), 2u);
  EXPECT_NE(failure("GPU-ac17").find("matches more than one UUID"), std::string::npos);
  EXPECT_NE(failure("GPU-").find("empty UUID prefix"), std::string::npos);
  EXPECT_NE(failure("GPU-00").find("matches no UUID"), std::string::npos);
}

TEST(DeviceSelector, PciBusIdsInAnySpelling) {
  EXPECT_EQ(resolve("0000:65:00.0"), 2u);
  EXPECT_EQ(resolve("00000000:65:00.0"), 2u);  // nvidia-smi's 8-digit domain
  EXPECT_EQ(resolve("65:00.0"), 2u);
  EXPECT_EQ(resolve("0000:00:06.0"), 1u);
  EXPECT_NE(failure("0000:66:00.0").find("matches no PCI bus id"), std::string::npos);
}

TEST(DeviceSelector, CpuAndNonsense) {
  EXPECT_EQ(resolve("cpu"), 0u);
  EXPECT_EQ(resolve("CPU"), 0u);
  const std::vector<DeviceInfo> all = devices();
  const std::vector<DeviceInfo> gpus_only(all.begin() + 1, all.end());
  EXPECT_NE(failure("cpu", gpus_only).find("not served"), std::string::npos);
  const std::string m = failure("banana");
  EXPECT_NE(m.find("is not a device name"), std::string::npos) << m;
  // Every error names the candidates, with their UUIDs and bus ids.
  EXPECT_NE(m.find("cuda:0 (GPU-ac175583-0ab0-7d3e-cddc-8393e5ec0ba9, 0000:00:06.0)"), std::string::npos) << m;
  EXPECT_NE(m.find("cuda:1"), std::string::npos) << m;
}

TEST(DeviceSelector, DescribeNamesEverythingTheStartupLogNeeds) {
  DeviceInfo g = devices()[1];
  g.cc_major = 9;
  g.cc_minor = 0;
  g.total_bytes = 85017493504;
  EXPECT_EQ(describe(g),
            "cuda:0 NVIDIA H100 80GB HBM3 (sm_90, 79.2 GiB, GPU-ac175583-0ab0-7d3e-cddc-8393e5ec0ba9, 0000:00:06.0)");
}

}  // namespace
}  // namespace zkgpu
