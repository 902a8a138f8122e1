// The parts of Apache ECharts we use (bar charts drawn as SVG), registered once. Loaded on demand
// by Chart.tsx, so that pages without a chart do not download it.
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use as register } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

register([BarChart, GridComponent, SVGRenderer]);

export { init };
