import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
echarts.use([BarChart, FunnelChart, PieChart, GridComponent, LegendComponent, SVGRenderer]);
const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 260 });
c.setOption({ animation:false, grid:{containLabel:true,left:8,right:16,top:8,bottom:40}, xAxis:{type:'value'}, yAxis:{type:'category',data:['Service Building','R&D Building 2']}, series:[{type:'bar',data:[1,2]}]});
console.log(c.renderToSVGString().slice(0,600));
