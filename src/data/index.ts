/** Datasets: MNIST from its IDX files, folders of labelled images. */
export { type Dataset, inputSize, sliceImages, takeImages } from './Dataset.js';
export { readIdx, parseIdx, type IdxArray } from './readIdx.js';
export { loadMnist, mnistDataDir, type LoadMnistOptions } from './loadMnist.js';
export { type CsrMatrix, nnz, csrFromDense, csrToDense, assertCsr } from '../core/CsrMatrix.js';
export { loadImageFolder, IMAGE_EXTENSIONS, type LoadImageFolderOptions } from './loadImageFolder.js';
export { decodeGray, type GrayImage } from './decodeGray.js';
export { resizeArea, type SourceRect } from './resizeArea.js';
export { dogFilter, dogToOnOff, type DogOptions } from './dogFilter.js';
export { makePatternDataset, patternIntensity, type PatternDatasetOptions } from './makePatternDataset.js';
