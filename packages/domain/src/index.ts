export * from "./id-number.ts";
export * from "./masking.ts";
