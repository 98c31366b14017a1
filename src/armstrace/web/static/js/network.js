// Network page: the supplier -> recipient graph drawn with Cytoscape.js.
// Data comes from the page's <script type="application/json" id="network-data">; clicking an
// arrow opens the Deals page of that pair, clicking a party its State page.
"use strict";
(function () {
  const source = document.getElementById("network-data");
  const box = document.getElementById("network-graph");
  if (!source || !box || typeof cytoscape === "undefined") { return; }
  const data = JSON.parse(source.textContent);
  const measure = data.size === "quantity" ? "quantity" : "deals";
  const largest = Math.max(1, ...data.graph.nodes.map((node) => node[measure]));
  const widest = Math.max(1, ...data.graph.edges.map((edge) => edge.deals));
  // Area proportional to volume: the diameter grows with the square root.
  const diameter = (value) => 18 + 52 * Math.sqrt(value / largest);
  const elements = [];
  for (const node of data.graph.nodes) {
    elements.push({ data: { id: "n:" + node.id, label: node.label, url: node.url,
                            size: diameter(node[measure]), state: node.state } });
  }
  for (const edge of data.graph.edges) {
    elements.push({ data: { id: "e:" + edge.source + "->" + edge.target,
                            source: "n:" + edge.source, target: "n:" + edge.target,
                            url: edge.url, width: 1.5 + 6 * edge.deals / widest,
                            label: String(edge.deals) } });
  }
  const graph = cytoscape({
    container: box,
    elements: elements,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "width": "data(size)", "height": "data(size)",
        "background-color": "#1f5f99", "color": "#1d232a", "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 3,
        "text-background-color": "#fff", "text-background-opacity": 0.8,
        "text-background-padding": 1 } },
      { selector: "node[!state]", style: { "background-color": "#b07d2b", "shape": "round-rectangle" } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "label": "data(label)",
        "font-size": 9, "color": "#5b6670" } },
      { selector: "edge:active, edge.hover", style: { "line-color": "#1f5f99", "target-arrow-color": "#1f5f99" } },
    ],
    // Labels count in the layout's room for each node, and nodes push each other apart,
    // so names do not overlap; a label may still shrink when the graph is zoomed out.
    layout: elements.length > 400
      ? { name: "grid", avoidOverlap: true, nodeDimensionsIncludeLabels: true }
      : { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
          nodeRepulsion: () => 800000, idealEdgeLength: () => 90, nodeOverlap: 40,
          componentSpacing: 80, padding: 20 },
  });
  graph.on("tap", "edge, node", (event) => { window.location.assign(event.target.data("url")); });
  graph.on("mouseover", "edge", (event) => { event.target.addClass("hover"); box.style.cursor = "pointer"; });
  graph.on("mouseout", "edge", (event) => { event.target.removeClass("hover"); box.style.cursor = ""; });
  graph.on("mouseover", "node", () => { box.style.cursor = "pointer"; });
  graph.on("mouseout", "node", () => { box.style.cursor = ""; });
  window.armstraceNetwork = graph;  // for the browser tests: the drawn graph
})();
