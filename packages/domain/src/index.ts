export * from "./id-number.ts";
export * from "./masking.ts";
export * from "./pairing/index.ts";
