'use strict';
// plotly.js for the Kaart: its one map uses two trace types, nothing else.
var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/choroplethmap'), require('plotly.js/lib/scattermap')]);

module.exports = Plotly;
