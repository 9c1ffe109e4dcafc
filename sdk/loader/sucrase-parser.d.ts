// Sucrase's parser, which its entry point does not export; its types ship apart from its code.
declare module "sucrase/dist/parser/index.js" {
  export { parse } from "sucrase/dist/types/parser/index.js";
}
