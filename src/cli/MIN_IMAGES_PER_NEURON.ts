/**
 * Training images per neuron (over all epochs) below which a Diehl & Cook
 * network learns few usable templates: most neurons never win a competition,
 * never fire and stay unassigned. `xsnn train` and `xsnn eval` warn below it
 * (the shipped recipes train 37.5 to 300 per neuron).
 */
export const MIN_IMAGES_PER_NEURON = 10;
