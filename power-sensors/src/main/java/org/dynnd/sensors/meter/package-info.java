/**
 * The energy meter: samples chosen rails on a thread, keeps a timestamped ring per rail, and
 * answers power and energy over any interval, with gaps reported rather than filled.
 */
package org.dynnd.sensors.meter;
