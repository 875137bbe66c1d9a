export { documentPath, isProduct, type Product, products } from "./documents.ts";
export { type PrismOptions, type RunningPrism, startPrism } from "./prism.ts";
