import type { ThemeConfig } from "antd";

/** Party red as the primary colour, on a light, quiet page. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: "#c41d1d",
    colorLink: "#b32626",
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: "#ffffff", headerPadding: "0 16px", siderBg: "#ffffff", bodyBg: "#f5f5f5" },
  },
};
