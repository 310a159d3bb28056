// Types of scripts/lib.mjs for the TypeScript code that reuses it (e2e/support/global-setup.ts).
export declare const root: string;
export declare function run(command: string, args: string[], options?: object): Promise<number>;
export declare function buildWebIfStale(): Promise<number>;
export declare function hasDebPackage(name: string): boolean;
export declare function ensureDebPackages(packages: string[]): boolean;
