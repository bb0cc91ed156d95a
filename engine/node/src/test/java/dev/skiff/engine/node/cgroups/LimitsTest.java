package dev.skiff.engine.node.cgroups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MI = 1024 * 1024;

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void readsRequestsAndLimitsOfAContainer() throws Exception {
        Limits limits = Limits.ofContainer(json("""
                {'name':'app','resources':{'requests':{'cpu':'250m','memory':'64Mi'},
                 'limits':{'cpu':'1','memory':'128Mi'}}}"""));

        assertThat(limits).isEqualTo(new Limits(250, 1000L, 128 * MI));
    }

    @Test
    void cpuRequestDefaultsToTheLimitWhenAbsent() throws Exception {
        Limits limits = Limits.ofContainer(json("{'resources':{'limits':{'cpu':'0.5'}}}"));

        assertThat(limits).isEqualTo(new Limits(500, 500L, null));
    }

    @Test
    void containerWithoutResourcesHasNoLimits() throws Exception {
        assertThat(Limits.ofContainer(json("{'name':'app'}"))).isEqualTo(Limits.NONE);
        assertThat(Limits.ofContainer(json("{'resources':{'limits':{'cpu':'0','memory':'0'}}}")))
                .isEqualTo(Limits.NONE);
    }

    @Test
    void quantitiesRoundUpToWholeMillicoresAndBytes() throws Exception {
        Limits limits = Limits.ofContainer(json("{'resources':{'limits':{'cpu':'0.0001','memory':'1.5k'}}}"));

        assertThat(limits).isEqualTo(new Limits(1, 1L, 1500L));
    }

    @Test
    void sharesAreTheKubeletsAtLeastTwo() {
        assertThat(new Limits(0, null, null).cpuShares()).isEqualTo(2);
        assertThat(new Limits(1, null, null).cpuShares()).isEqualTo(2);
        assertThat(new Limits(250, null, null).cpuShares()).isEqualTo(256);
        assertThat(new Limits(1000, null, null).cpuShares()).isEqualTo(1024);
        assertThat(new Limits(1_000_000, null, null).cpuShares()).isEqualTo(262_144);
    }

    @Test
    void weightIsConvertedFromSharesForCgroupV2() {
        assertThat(new Limits(0, null, null).cpuWeight()).isEqualTo(1);
        assertThat(new Limits(250, null, null).cpuWeight()).isEqualTo(10);
        assertThat(new Limits(1000, null, null).cpuWeight()).isEqualTo(39);
        assertThat(new Limits(1_000_000, null, null).cpuWeight()).isEqualTo(10_000);
    }

    @Test
    void quotaIsTheLimitPerHundredMillisecondPeriodAndAtLeastOneMillisecond() {
        assertThat(new Limits(0, 1000L, null).cpuQuotaMicros()).isEqualTo(100_000);
        assertThat(new Limits(0, 2500L, null).cpuQuotaMicros()).isEqualTo(250_000);
        assertThat(new Limits(0, 1L, null).cpuQuotaMicros()).isEqualTo(1000);
        assertThat(new Limits(0, null, null).cpuQuotaMicros()).isNull();
    }

    @Test
    void cpuMaxIsQuotaAndPeriodOrMax() {
        assertThat(new Limits(500, 500L, null).cpuMax()).isEqualTo("50000 100000");
        assertThat(Limits.NONE.cpuMax()).isEqualTo("max 100000");
    }

    @Test
    void podSumsItsContainersWhenEveryContainerHasALimit() throws Exception {
        Limits pod = Limits.ofPod(json("""
                {'containers':[
                  {'name':'a','resources':{'requests':{'cpu':'100m'},'limits':{'cpu':'500m','memory':'64Mi'}}},
                  {'name':'b','resources':{'limits':{'cpu':'1','memory':'128Mi'}}}]}"""));

        assertThat(pod).isEqualTo(new Limits(1100, 1500L, 192 * MI));
    }

    @Test
    void podHasNoLimitWhenOneContainerLacksIt() throws Exception {
        Limits pod = Limits.ofPod(json("""
                {'containers':[
                  {'name':'a','resources':{'limits':{'cpu':'500m','memory':'64Mi'}}},
                  {'name':'b','resources':{'requests':{'cpu':'200m'},'limits':{'memory':'32Mi'}}}]}"""));

        assertThat(pod).isEqualTo(new Limits(700, null, 96 * MI));
    }

    @Test
    void bestEffortPodGetsTheMinimumShares() throws Exception {
        Limits pod = Limits.ofPod(json("{'containers':[{'name':'a'},{'name':'b'}]}"));

        assertThat(pod).isEqualTo(Limits.NONE);
        assertThat(pod.cpuShares()).isEqualTo(2);
    }

    @Test
    void aLargerInitContainerRaisesThePodTotal() throws Exception {
        Limits pod = Limits.ofPod(json("""
                {'initContainers':[{'name':'init','resources':{'limits':{'cpu':'2','memory':'1Gi'}}}],
                 'containers':[{'name':'a','resources':{'limits':{'cpu':'500m','memory':'64Mi'}}}]}"""));

        assertThat(pod).isEqualTo(new Limits(2000, 2000L, 1024 * MI));
    }

    @Test
    void sidecarsAddToTheContainersAndToLaterInitContainers() throws Exception {
        Limits pod = Limits.ofPod(json("""
                {'initContainers':[
                  {'name':'proxy','restartPolicy':'Always','resources':{'limits':{'cpu':'100m','memory':'16Mi'}}},
                  {'name':'migrate','resources':{'limits':{'cpu':'1','memory':'32Mi'}}}],
                 'containers':[{'name':'a','resources':{'limits':{'cpu':'200m','memory':'64Mi'}}}]}"""));

        // Running: proxy + a = 300m / 80Mi; while migrating: proxy + migrate = 1100m / 48Mi.
        assertThat(pod).isEqualTo(new Limits(1100, 1100L, 80 * MI));
    }

    @Test
    void podLevelResourcesAndOverheadApply() throws Exception {
        Limits pod = Limits.ofPod(json("""
                {'resources':{'limits':{'cpu':'2','memory':'256Mi'}},
                 'overhead':{'cpu':'10m','memory':'1Mi'},
                 'containers':[{'name':'a'}]}"""));

        assertThat(pod).isEqualTo(new Limits(2010, 2010L, 257 * MI));
    }
}
