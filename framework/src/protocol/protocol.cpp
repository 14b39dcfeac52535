// Names of the protocol enums and registration of every protocol message type (the order flow's
// enums are named in framework/src/orders/order_flow.cpp, beside their structs).
#include "bourse/protocol/all.hpp"

namespace bourse {

std::string to_string(run_mode mode) {
  return mode == run_mode::backtest ? "backtest" : "paper";
}

std::string to_string(data_kind kind) {
  switch (kind) {
    case data_kind::quotes:
      return "quotes";
    case data_kind::trades:
      return "trades";
    case data_kind::bars:
      return "bars";
  }
  return "unknown";
}

void register_system_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<sim_step>("bourse::sim_step");
  cfg.add_message_type<stamped_count>("bourse::stamped_count");
  cfg.add_message_type<std::vector<stamped_count>>("std::vector<bourse::stamped_count>");
  cfg.add_message_type<sim_step_done>("bourse::sim_step_done");
  cfg.add_message_type<slice_settled>("bourse::slice_settled");
  cfg.add_message_type<stop_run>("bourse::stop_run");
  cfg.add_message_type<participant_actor>("bourse::participant_actor");
  cfg.add_message_type<start_run>("bourse::start_run");
  cfg.add_message_type<get_runtime_info>("bourse::get_runtime_info");
  cfg.add_message_type<runtime_info>("bourse::runtime_info");
  cfg.add_message_type<supervision_event>("bourse::supervision_event");
  cfg.add_message_type<std::vector<supervision_event>>("std::vector<bourse::supervision_event>");
  cfg.add_message_type<run_summary>("bourse::run_summary");
  cfg.add_message_type<stop_feeds>("bourse::stop_feeds");
  cfg.add_message_type<get_run_summary>("bourse::get_run_summary");
  cfg.add_message_type<get_latency>("bourse::get_latency");
  cfg.add_message_type<latency_report>("bourse::latency_report");
}

void register_market_data_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<quote>("bourse::quote");
  cfg.add_message_type<trade>("bourse::trade");
  cfg.add_message_type<bar>("bourse::bar");
  cfg.add_message_type<symbol_bar>("bourse::symbol_bar");
  cfg.add_message_type<std::vector<quote>>("std::vector<bourse::quote>");
  cfg.add_message_type<std::vector<trade>>("std::vector<bourse::trade>");
  cfg.add_message_type<std::vector<symbol_bar>>("std::vector<bourse::symbol_bar>");
  cfg.add_message_type<quote_batch>("bourse::quote_batch");
  cfg.add_message_type<trade_batch>("bourse::trade_batch");
  cfg.add_message_type<bar_batch>("bourse::bar_batch");
  cfg.add_message_type<std::vector<quote_batch>>("std::vector<bourse::quote_batch>");
  cfg.add_message_type<std::vector<trade_batch>>("std::vector<bourse::trade_batch>");
  cfg.add_message_type<std::vector<bar_batch>>("std::vector<bourse::bar_batch>");
  cfg.add_message_type<market_window>("bourse::market_window");
  cfg.add_message_type<market_slice>("bourse::market_slice");
  cfg.add_message_type<market_slices>("bourse::market_slices");
  cfg.add_message_type<subscribe>("bourse::subscribe");
  cfg.add_message_type<unsubscribe>("bourse::unsubscribe");
  cfg.add_message_type<market_data_ack>("bourse::market_data_ack");
  cfg.add_message_type<slices_handled>("bourse::slices_handled");
  cfg.add_message_type<flow_policy>("bourse::flow_policy");
  cfg.add_message_type<get_quote>("bourse::get_quote");
  cfg.add_message_type<std::vector<market_slice>>("std::vector<bourse::market_slice>");
  cfg.add_message_type<next_slices>("bourse::next_slices");
  cfg.add_message_type<feed_chunk>("bourse::feed_chunk");
  cfg.add_message_type<feed_actor>("bourse::feed_actor");
  cfg.add_message_type<market_data_listener_actor>("bourse::market_data_listener_actor");
  cfg.add_message_type<market_data_hub_actor>("bourse::market_data_hub_actor");
}

void register_indicator_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<indicator_update>("bourse::indicator_update");
  cfg.add_message_type<indicator_updates>("bourse::indicator_updates");
  cfg.add_message_type<subscribe_indicators>("bourse::subscribe_indicators");
  cfg.add_message_type<indicator_listener_actor>("bourse::indicator_listener_actor");
  cfg.add_message_type<indicator_actor>("bourse::indicator_actor");
  cfg.add_message_type<subscribe_symbol_indicators>("bourse::subscribe_symbol_indicators");
  cfg.add_message_type<indicator_pool_actor>("bourse::indicator_pool_actor");
}

void register_order_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<submit_order>("bourse::submit_order");
  cfg.add_message_type<cancel_order>("bourse::cancel_order");
  cfg.add_message_type<replace_order>("bourse::replace_order");
  cfg.add_message_type<order_event_header>("bourse::order_event_header");
  cfg.add_message_type<order_accepted>("bourse::order_accepted");
  cfg.add_message_type<order_rejected>("bourse::order_rejected");
  cfg.add_message_type<fill>("bourse::fill");
  cfg.add_message_type<std::vector<fill>>("std::vector<bourse::fill>");
  cfg.add_message_type<order_partially_filled>("bourse::order_partially_filled");
  cfg.add_message_type<order_filled>("bourse::order_filled");
  cfg.add_message_type<order_cancelled>("bourse::order_cancelled");
  cfg.add_message_type<order_replaced>("bourse::order_replaced");
  cfg.add_message_type<order_expired>("bourse::order_expired");
  cfg.add_message_type<order_triggered>("bourse::order_triggered");
  cfg.add_message_type<order_commands>("bourse::order_commands");
  cfg.add_message_type<order_events>("bourse::order_events");
  cfg.add_message_type<get_open_orders>("bourse::get_open_orders");
  cfg.add_message_type<open_order>("bourse::open_order");
  cfg.add_message_type<std::vector<open_order>>("std::vector<bourse::open_order>");
  cfg.add_message_type<open_orders>("bourse::open_orders");
  cfg.add_message_type<attach_order_listener>("bourse::attach_order_listener");
  cfg.add_message_type<attach_journal>("bourse::attach_journal");
  cfg.add_message_type<journal_listener_actor>("bourse::journal_listener_actor");
  cfg.add_message_type<flush_journal>("bourse::flush_journal");
  cfg.add_message_type<journal_status>("bourse::journal_status");
  cfg.add_message_type<journal_actor>("bourse::journal_actor");
  cfg.add_message_type<register_strategy>("bourse::register_strategy");
  cfg.add_message_type<isolate_strategy>("bourse::isolate_strategy");
  cfg.add_message_type<restored_position>("bourse::restored_position");
  cfg.add_message_type<std::vector<restored_position>>("std::vector<bourse::restored_position>");
  cfg.add_message_type<restore_positions>("bourse::restore_positions");
  cfg.add_message_type<order_command_actor>("bourse::order_command_actor");
  cfg.add_message_type<order_event_listener_actor>("bourse::order_event_listener_actor");
  cfg.add_message_type<fill_listener_actor>("bourse::fill_listener_actor");
  cfg.add_message_type<venue_actor>("bourse::venue_actor");
  cfg.add_message_type<order_manager_actor>("bourse::order_manager_actor");
}

void register_portfolio_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<position_changed>("bourse::position_changed");
  cfg.add_message_type<std::vector<position_changed>>("std::vector<bourse::position_changed>");
  cfg.add_message_type<equity_sampled>("bourse::equity_sampled");
  cfg.add_message_type<std::vector<equity_sampled>>("std::vector<bourse::equity_sampled>");
  cfg.add_message_type<get_portfolio_report>("bourse::get_portfolio_report");
  cfg.add_message_type<portfolio_report>("bourse::portfolio_report");
  cfg.add_message_type<portfolio_listener_actor>("bourse::portfolio_listener_actor");
  cfg.add_message_type<subscribe_portfolio>("bourse::subscribe_portfolio");
  cfg.add_message_type<portfolio_actor>("bourse::portfolio_actor");
}

void register_strategy_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<timer_fired>("bourse::timer_fired");
  cfg.add_message_type<get_strategy_status>("bourse::get_strategy_status");
  cfg.add_message_type<strategy_status>("bourse::strategy_status");
  cfg.add_message_type<strategy_actor>("bourse::strategy_actor");
}

void register_aggregator_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<aggregated_quote>("bourse::aggregated_quote");
  cfg.add_message_type<arbitrage_opportunity>("bourse::arbitrage_opportunity");
  cfg.add_message_type<subscribe_aggregated>("bourse::subscribe_aggregated");
  cfg.add_message_type<aggregator_updates>("bourse::aggregator_updates");
  cfg.add_message_type<get_aggregated>("bourse::get_aggregated");
  cfg.add_message_type<aggregated_quote_listener_actor>("bourse::aggregated_quote_listener_actor");
  cfg.add_message_type<aggregator_actor>("bourse::aggregator_actor");
}

void register_protocol_types(caf::actor_system_config& cfg) {
  register_system_types(cfg);
  register_market_data_types(cfg);
  register_indicator_types(cfg);
  register_order_types(cfg);
  register_portfolio_types(cfg);
  register_strategy_types(cfg);
  register_aggregator_types(cfg);
}

} // namespace bourse
