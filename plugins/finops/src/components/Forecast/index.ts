export { ForecastCard } from './ForecastCard';
export { ForecastAccuracyCard } from './ForecastAccuracyCard';
export { useForecast, FORECAST_MONTHS } from './useForecast';
export type { ForecastState } from './useForecast';
