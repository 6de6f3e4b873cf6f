// Kept so graph modules can say "./typescript.js"; the loader lives in util so project/ can use it
// without depending on graph/.
export { typescript, type TS } from "../util/typescript.js";
