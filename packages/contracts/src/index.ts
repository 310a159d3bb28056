export * from "./audit.ts";
export * from "./auth.ts";
export * from "./common.ts";
export * from "./members.ts";
export * from "./orgs.ts";
export * from "./pairing.ts";
export * from "./users.ts";
