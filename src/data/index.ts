/** Datasets: MNIST from its IDX files, folders of labelled images. */
export { type Dataset, inputSize, takeImages } from './Dataset.js';
export { readIdx, parseIdx, type IdxArray } from './readIdx.js';
export { loadMnist, mnistDataDir, type LoadMnistOptions } from './loadMnist.js';
export { type CsrMatrix, nnz, csrFromDense, csrToDense, assertCsr } from './CsrMatrix.js';
