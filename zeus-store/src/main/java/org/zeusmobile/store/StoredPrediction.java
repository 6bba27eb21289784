package org.zeusmobile.store;

import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Prediction;

/** One device's model of one configuration (a BO surrogate's, an imported profile's) and the samples behind it. */
final class StoredPrediction {

    final String deviceId;
    final Configuration configuration;
    final Prediction prediction;
    final int samples;
    final String source;

    StoredPrediction(String deviceId, Configuration configuration, Prediction prediction, int samples, String source) {
        this.deviceId = deviceId;
        this.configuration = configuration;
        this.prediction = prediction;
        this.samples = samples;
        this.source = source;
    }
}
