export { parseDeviceFilter, FilterSyntaxError, type FilterNode, type Span } from './parse.js';
export { matchesDevice, filterAppliesToDevice, type DeviceAttributes } from './evaluate.js';
export { DEVICE_PROPERTIES, OPERATORS, POSITIVE_OPERATORS, MAX_DEVICE_FILTER_LENGTH, type DeviceProperty, type FilterOperator } from './properties.js';
