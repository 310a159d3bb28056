import type { ThemeConfig } from "antd";

/**
 * Party red for the brand and primary buttons, on a light, quiet page. Links (a member's name,
 * 查看, 编辑) are ordinary actions and take a neutral blue: red is kept for the brand and for
 * danger, so that a warning still looks like one.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: "#c41d1d",
    // 6.7:1 on white; hover and active shades are derived by antd.
    colorLink: "#1d4ed8",
    // antd's defaults fall under WCAG AA's 4.5:1 on white: secondary and help text (0.45 black,
    // 3.4:1) and error text and danger links (#ff4d4f, 3.3:1). These pass (5.7:1 and 5.6:1).
    colorTextDescription: "rgba(0, 0, 0, 0.6)",
    colorError: "#cf1322",
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: "#ffffff", headerPadding: "0 16px", siderBg: "#ffffff", bodyBg: "#f5f5f5" },
  },
};
